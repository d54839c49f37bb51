// Which image layout an archive holds, from its entries (never from the file name).
// manifest.json alone is a common name (web app manifests), so a tar counts as a
// docker-archive only when manifest.json is a JSON array or Docker's other marks are there.
import type { ArchiveFormat } from "../report.ts";
import type { EntryTable } from "../tar/entryTable.ts";
import type { ArchiveContents } from "./archiveContents.ts";
import { DOCKER_MANIFEST_PATH } from "./discoverDockerArchive.ts";
import { OCI_INDEX_PATH, OCI_LAYOUT_PATH } from "./discoverOciLayout.ts";

function hasBlobs(table: EntryTable): boolean {
  for (const [path] of table.paths()) if (path === "blobs" || path.startsWith("blobs/")) return true;
  return false;
}

function hasDockerMarks(table: EntryTable): boolean {
  if (table.has("repositories")) return true;
  for (const [path] of table.paths()) if (path.endsWith("/layer.tar")) return true;
  return false;
}

async function startsWithJsonArray(contents: ArchiveContents): Promise<boolean> {
  const found = contents.table.lookup(DOCKER_MANIFEST_PATH);
  if (!found.ok) return true; // a manifest.json that is a broken link is reported by the reader
  if (found.entry.size === 0) return false;
  // Too large to read here: still an image archive candidate; the reader reports the size.
  if (found.entry.size > 1024 * 1024) return true;
  let bytes: Uint8Array;
  try {
    bytes = await contents.readEntry(found.entry, DOCKER_MANIFEST_PATH);
  } catch {
    return false; // not kept by the .tar.gz pass because it does not start like JSON
  }
  // A byte order mark is skipped here so the reader reports it (Go refuses it) instead of
  // the archive passing for a plain file.
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const first = bytes.subarray(start).find((byte) => byte !== 0x20 && byte !== 0x0a && byte !== 0x0d && byte !== 0x09);
  return first === 0x5b;
}

export async function detectLayout(contents: ArchiveContents): Promise<ArchiveFormat> {
  const { table } = contents;
  const oci = table.has(OCI_INDEX_PATH) && (table.has(OCI_LAYOUT_PATH) || hasBlobs(table));
  const docker =
    table.has(DOCKER_MANIFEST_PATH) && (oci || hasDockerMarks(table) || (await startsWithJsonArray(contents)));
  if (oci && docker) return "oci-layout+docker-manifest";
  if (oci) return "oci-layout";
  if (docker) return "docker-archive";
  return "file";
}

/**
 * For a tar detected as a plain file: the top-level folder that holds an image layout, as
 * when a layout directory is archived with its folder name (`myimage/index.json` +
 * `myimage/oci-layout`, or `myimage/manifest.json` with Docker's other marks). docker load
 * and podman refuse such a tar too, so it stays a plain file; the folder is named so the
 * user can re-archive it.
 */
export function layoutFolder(table: EntryTable): string | null {
  // One pass over the paths (a crafted tar may hold many folders with a manifest.json).
  const candidates: string[] = [];
  const withLayerTar = new Set<string>();
  for (const [path] of table.paths()) {
    const slash = path.indexOf("/");
    if (slash <= 0) continue;
    const folder = path.slice(0, slash);
    const nested = slash !== path.lastIndexOf("/");
    if (nested && path.endsWith("/layer.tar")) withLayerTar.add(folder);
    if (nested) continue;
    const name = path.slice(slash + 1);
    if (name === OCI_INDEX_PATH || name === DOCKER_MANIFEST_PATH) candidates.push(folder);
  }
  const inFolder = (folder: string, name: string) => table.has(`${folder}/${name}`);
  for (const folder of candidates) {
    if (inFolder(folder, OCI_INDEX_PATH) && inFolder(folder, OCI_LAYOUT_PATH)) return folder;
    if (inFolder(folder, DOCKER_MANIFEST_PATH) && (inFolder(folder, "repositories") || withLayerTar.has(folder)))
      return folder;
  }
  return null;
}
