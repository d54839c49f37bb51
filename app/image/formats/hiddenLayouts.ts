// Tars the engine reads as plain files that a loader would still load images from. Such a
// tar must not be called "a plain file, intact": docker would load something from it.
//   - docker 20.10's legacy load: with no manifest.json at the root, `docker load` loads
//     every top-level folder that holds a v1 `json` (the pre-1.10 layout; image/tarexport
//     legacyLoad), building configs whose IDs the archive never states.
//   - entries the engine keeps out of its table as unsafe: docker's extraction joins
//     "/manifest.json" onto its root (filepath.Join), so it finds a manifest the engine
//     does not, and loads from it.
import type { EntryTable } from "../tar/entryTable.ts";
import { DOCKER_MANIFEST_PATH } from "./discoverDockerArchive.ts";
import { OCI_INDEX_PATH, OCI_LAYOUT_PATH } from "./discoverOciLayout.ts";

const V1_IMAGE_JSON = "json";
const LAYOUT_FILES = new Set([DOCKER_MANIFEST_PATH, OCI_INDEX_PATH, OCI_LAYOUT_PATH, "repositories"]);

/** filepath.Join(root, filepath.Clean(name)) for an absolute name: ".." stops at the root. */
function joinedOntoRoot(name: string): string {
  const parts: string[] = [];
  for (const part of name.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return parts.join("/");
}

/** Top-level folders that docker 20.10 would load as v1 images, when the tar has no manifest.json. */
export function legacyImageFolders(table: EntryTable): string[] {
  if (table.has(DOCKER_MANIFEST_PATH)) return [];
  const folders = new Set<string>();
  for (const [path] of table.paths()) {
    const slash = path.indexOf("/");
    if (slash > 0 && path.slice(slash + 1) === V1_IMAGE_JSON) folders.add(path.slice(0, slash));
  }
  return [...folders].sort();
}

/** Layout files the table refused as unsafe paths but docker's extraction would place at the root ("/manifest.json"). */
export function unsafeLayoutFiles(table: EntryTable): string[] {
  const found: string[] = [];
  for (const p of table.problems) {
    if (p.code !== "unsafe-path") continue;
    // Only absolute names: a relative one escaping the root makes docker's extraction fail outright.
    if (p.path.startsWith("/") && LAYOUT_FILES.has(joinedOntoRoot(p.path))) found.push(p.path);
  }
  return found;
}
