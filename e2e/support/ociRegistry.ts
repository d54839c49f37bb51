// The OCI registry globalSetup started (E2E_OCI_REGISTRY_URL / _DIR), as the specs use it:
// push an archive into it with skopeo, and reach a blob's bytes on disk to tamper with them.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { type LocalRegistry, pushArchive } from "../../app/tools/localRegistry.ts";
import { stack } from "./stack.ts";

interface E2eRegistry {
  url: string;
  /** host:port, as written in a reference. */
  domain: string;
  dataDir: string;
  push(archivePath: string, reference: string): Promise<void>;
  /** Where distribution keeps a blob's bytes: <root>/docker/registry/v2/blobs/sha256/<2 hex>/<hex>/data. */
  blobPath(digest: string): string;
}

/** null when docker-registry is not installed (the spec then fails, saying what to install). */
export function e2eRegistry(): E2eRegistry | null {
  const url = stack.ociRegistryUrl;
  const dataDir = stack.ociRegistryDir;
  if (url === undefined || dataDir === undefined) return null;
  const domain = new URL(url).host;
  const blobPath = (digest: string) => {
    const hex = digest.replace(/^sha256:/, "");
    return path.join(dataDir, "docker", "registry", "v2", "blobs", "sha256", hex.slice(0, 2), hex, "data");
  };
  // Only what pushArchive reads of a started registry; this process did not start it, so no stop.
  const registry = { url, domain, dataDir, blobPath, stop: async () => {} } as LocalRegistry;
  return {
    url,
    domain,
    dataDir,
    blobPath,
    push: (archivePath, reference) => pushArchive(registry, archivePath, reference),
  };
}

/**
 * Swaps a blob's bytes on disk for others of the same length (one character changed), as a
 * compromised registry or mirror would serve them; returns the undo.
 */
export function tamperBlob(file: string): () => void {
  const original = readFileSync(file);
  const changed = Buffer.from(original);
  // A config is JSON: turn its first digit into another digit, keeping it valid JSON of the same size.
  const at = changed.findIndex((byte) => byte >= 0x30 && byte <= 0x39);
  if (at < 0) throw new Error(`${file} holds no digit to change`);
  changed[at] = changed[at] === 0x39 ? 0x30 : (changed[at] ?? 0x30) + 1;
  writeFileSync(file, changed);
  return () => writeFileSync(file, original);
}
