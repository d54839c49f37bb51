// Test-only: the four RegistryClient calls claim artifacts use, over in-memory maps, with a
// way to make the next reads fail as a registry would (RegistryError with a code).
import { createHash } from "node:crypto";
import type { Digest } from "../../image/digest.ts";
import type { RegistryClient } from "../../registry/client.ts";
import { RegistryError, type RegistryErrorCode } from "../../registry/errors.ts";
import type { RepositoryRef } from "../../registry/reference.ts";

const sha = (bytes: Uint8Array): Digest => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

export class MemoryRegistry implements Pick<RegistryClient, "getManifest" | "getBlob" | "putBlob" | "putManifest"> {
  readonly #manifests = new Map<string, { bytes: Uint8Array; mediaType: string }>();
  readonly #blobs = new Map<string, Uint8Array>();
  /** Every call, as "getManifest a.test/a/one imageseal-claim". */
  readonly calls: string[] = [];
  /** When set, every read fails with this code. */
  failWith: RegistryErrorCode | null = null;

  async getManifest(repo: RepositoryRef, reference: string) {
    this.calls.push(`getManifest ${repo.domain}/${repo.path} ${reference}`);
    this.#fail(repo);
    const found = this.#manifests.get(`${repo.domain}/${repo.path}:${reference}`);
    if (found === undefined)
      throw new RegistryError("not-found", `the manifest ${repo.domain}/${repo.path}:${reference}: not found (404).`, {
        status: 404,
      });
    return { digest: sha(found.bytes), mediaType: found.mediaType, bytes: found.bytes };
  }

  async getBlob(repo: RepositoryRef, digest: Digest, maxBytes: number) {
    this.calls.push(`getBlob ${repo.domain}/${repo.path} ${digest}`);
    this.#fail(repo);
    const found = this.#blobs.get(`${repo.domain}/${repo.path}@${digest}`);
    if (found === undefined)
      throw new RegistryError("not-found", `the blob ${digest}: not found (404).`, { status: 404 });
    if (found.length > maxBytes) throw new RegistryError("too-large", `the blob ${digest} is too large.`);
    return found;
  }

  async putBlob(repo: RepositoryRef, bytes: Uint8Array) {
    const digest = sha(bytes);
    this.#blobs.set(`${repo.domain}/${repo.path}@${digest}`, bytes);
    return digest;
  }

  async putManifest(repo: RepositoryRef, tag: string, bytes: Uint8Array, mediaType: string) {
    this.#manifests.set(`${repo.domain}/${repo.path}:${tag}`, { bytes, mediaType });
    return sha(bytes);
  }

  deleteTag(repo: RepositoryRef, tag: string): void {
    this.#manifests.delete(`${repo.domain}/${repo.path}:${tag}`);
  }

  #fail(repo: RepositoryRef): void {
    if (this.failWith !== null) throw new RegistryError(this.failWith, `${repo.domain} refused (${this.failWith}).`);
  }
}
