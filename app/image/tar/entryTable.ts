// The archive's entries by normalized path, and the one way of resolving a path that every
// loader shares. The loaders find files differently: docker extracts the whole tar and lets
// the file system resolve paths (the last duplicate wins, links are followed at every
// level, absolute targets start at the root); containers/image (podman, skopeo) scans for
// the first entry whose path.Clean'd name matches and follows one symlink, relative to its
// folder; containerd keeps the last regular file of a name, follows one symlink for
// docker-archive layers and ignores hard links. Where those ways could lead to different
// bytes, the table reports the archive as ambiguous instead of choosing one.
import { problem } from "../problems.ts";
import type { AmbiguousConstruct, Problem } from "../report.ts";
import { itemAt, present } from "../util/itemAt.ts";
import { normalizeEntryPath, parentOf } from "./entryPath.ts";
import type { TarEntry } from "./tarEntry.ts";
import type { TarAmbiguity } from "./tarListing.ts";

export type LookupResult =
  | { ok: true; entry: TarEntry; path: string }
  | {
      ok: false;
      reason: "missing" | "outside-archive" | "not-a-file";
      path: string;
      linkPath?: string;
      linkTarget?: string;
    }
  | { ok: false; reason: "ambiguous"; construct: AmbiguousConstruct; path: string; detail: string };

/** Documents at the root that containerd reads only as regular files (a link there is skipped by it, followed by the others). */
const ROOT_DOCUMENTS = ["manifest.json", "index.json", "oci-layout"];

/** Folds letter case the way a case-insensitive file system would (ſ and K included, as Go's folding does). */
function foldCase(path: string): string {
  return path.toLowerCase().replaceAll("ſ", "s");
}

function ambiguity(construct: AmbiguousConstruct, path: string, detail: string): Problem {
  return problem<"ambiguous-archive">({ code: "ambiguous-archive", construct, path }, `ambiguous archive: ${detail}`);
}

function kindName(entry: TarEntry): string {
  return entry.kind === "other"
    ? `entry of type '${entry.typeflag}'`
    : entry.kind === "file"
      ? "regular file"
      : entry.kind;
}

export class EntryTable {
  /** Normalized path → the entry extraction would leave there (the last). */
  readonly #byPath = new Map<string, TarEntry>();
  /** Problems found while building: unsafe paths, duplicates and every path-level ambiguity. */
  readonly problems: Problem[] = [];
  /** Number of entries in the archive, all kinds. */
  readonly entryCount: number;

  constructor(entries: readonly TarEntry[], readerAmbiguities: readonly TarAmbiguity[] = []) {
    this.entryCount = entries.length;
    for (const { construct, path, offset, reason } of readerAmbiguities) {
      this.problems.push(
        problem<"ambiguous-archive">(
          { code: "ambiguous-archive", construct, path, offset },
          `ambiguous archive: ${reason}`,
        ),
      );
    }
    const groups = new Map<string, TarEntry[]>();
    for (const entry of entries) {
      const normalized = normalizeEntryPath(entry.rawPath);
      if (!normalized.ok) {
        this.problems.push(
          problem<"unsafe-path">(
            { code: "unsafe-path", path: entry.rawPath },
            `entry "${entry.rawPath}" would be written outside the archive (${normalized.reason})`,
          ),
        );
        continue;
      }
      if (normalized.path === "") continue;
      const group = groups.get(normalized.path);
      if (group) group.push(entry);
      else groups.set(normalized.path, [entry]);
    }
    for (const [path, group] of groups) {
      this.#byPath.set(path, itemAt(group, group.length - 1));
      this.#checkGroup(path, group);
    }
    this.#checkCaseAliases(groups);
    for (const path of this.#byPath.keys()) {
      const through = this.#linkAbove(path);
      if (through) this.problems.push(this.#throughLinkProblem(path, through));
    }
    this.#checkLinkedDocuments();
  }

  /** Every normalized path with the entry it names (links not followed). */
  paths(): IterableIterator<[string, TarEntry]> {
    return this.#byPath.entries();
  }

  has(path: string): boolean {
    const normalized = normalizeEntryPath(path);
    return normalized.ok && this.#byPath.has(normalized.path);
  }

  /**
   * Finds the regular file a path names, the way every loader would: the path itself, or one
   * symlink with a relative target that names a regular file. Hard links, link chains,
   * absolute targets and paths below a link are ambiguous: the loaders resolve them differently.
   */
  lookup(path: string): LookupResult {
    const normalized = normalizeEntryPath(path);
    if (!normalized.ok) return { ok: false, reason: "outside-archive", path };
    const own = this.#resolveNoLinks(normalized.path, path);
    if (!own.ok || own.entry.kind === "file") return own;
    const entry = own.entry;
    if (entry.kind === "hardlink") {
      return this.#ambiguous(
        "link",
        path,
        `${normalized.path} is a hard link: docker follows it, containers/image reads its own (empty) data, containerd skips it`,
      );
    }
    if (entry.kind !== "symlink") return { ok: false, reason: "not-a-file", path };
    const target = entry.linkTarget ?? "";
    const link = { linkPath: normalized.path, linkTarget: target };
    if (target.startsWith("/")) {
      return this.#ambiguous(
        "link",
        path,
        `${normalized.path} links to the absolute path ${target}: docker resolves it from the archive's root, containers/image and containerd from the link's folder`,
      );
    }
    const folder = parentOf(normalized.path);
    const resolved = normalizeEntryPath(folder === "" ? target : `${folder}/${target}`);
    if (!resolved.ok) return { ok: false, reason: "outside-archive", path, ...link };
    const found = this.#resolveNoLinks(resolved.path, path);
    if (!found.ok) return found.reason === "missing" ? { ...found, ...link } : found;
    if (found.entry.kind === "file") return found;
    if (found.entry.kind === "symlink" || found.entry.kind === "hardlink") {
      return this.#ambiguous(
        "link",
        path,
        `${normalized.path} → ${resolved.path} is a chain of links: docker follows every hop, containers/image and containerd only one`,
      );
    }
    return { ok: false, reason: "not-a-file", path, ...link };
  }

  /** The entry at a normalized path, refusing a path that passes below a link or file. */
  #resolveNoLinks(normalized: string, asked: string): LookupResult {
    const through = this.#linkAbove(normalized);
    if (through) {
      const detail = this.#throughLinkProblem(normalized, through).message.replace(/^ambiguous archive: /, "");
      return this.#ambiguous("path-through-link", asked, detail);
    }
    const entry = this.#byPath.get(normalized);
    return entry ? { ok: true, entry, path: normalized } : { ok: false, reason: "missing", path: asked };
  }

  #ambiguous(construct: AmbiguousConstruct, path: string, detail: string): LookupResult {
    return { ok: false, reason: "ambiguous", construct, path, detail };
  }

  /** The nearest folder above a path that is recorded as something other than a directory. */
  #linkAbove(path: string): string | null {
    for (let folder = parentOf(path); folder !== ""; folder = parentOf(folder)) {
      const entry = this.#byPath.get(folder);
      if (entry && entry.kind !== "directory") return folder;
    }
    return null;
  }

  #throughLinkProblem(path: string, folder: string): Problem {
    const entry = present(this.#byPath.get(folder), `the entry at ${folder}`);
    const target = entry.kind === "symlink" || entry.kind === "hardlink" ? ` → ${entry.linkTarget ?? ""}` : "";
    return ambiguity(
      "path-through-link",
      path,
      `${path} lies below ${folder}, a ${kindName(entry)}${target}: extraction (docker) goes through it, path lookups (containers/image, containerd) do not`,
    );
  }

  /** Several entries with one normalized path: identical files are duplicates, mixed kinds are aliases. */
  #checkGroup(path: string, group: readonly TarEntry[]): void {
    if (group.length < 2) return;
    const nonDirectories = group.filter((entry) => entry.kind !== "directory");
    if (nonDirectories.length === 0) return; // a folder recorded twice places nothing
    if (nonDirectories.length === group.length && group.every((entry) => entry.kind === "file")) {
      this.problems.push(
        problem<"duplicate-entry">(
          { code: "duplicate-entry", path, count: group.length },
          `"${path}" appears ${group.length} times; readers disagree on which copy counts (extraction keeps the last, path lookups take the first)`,
        ),
      );
      return;
    }
    const recorded = group.map((entry) => `"${entry.rawPath}" (${kindName(entry)})`).join(", ");
    this.problems.push(
      ambiguity(
        "path-alias",
        path,
        `${recorded} all land on ${path}: extraction keeps the last, path lookups take the first`,
      ),
    );
  }

  /** Paths that differ only in letter case are one file on a case-insensitive file system. */
  #checkCaseAliases(groups: ReadonlyMap<string, readonly TarEntry[]>): void {
    const byFold = new Map<string, string>();
    for (const [path, group] of groups) {
      if (group.every((entry) => entry.kind === "directory")) continue;
      const folded = foldCase(path);
      const other = byFold.get(folded);
      if (other === undefined) byFold.set(folded, path);
      else
        this.problems.push(
          ambiguity(
            "path-alias",
            path,
            `${other} and ${path} differ only in letter case: one file where names ignore case`,
          ),
        );
    }
  }

  /**
   * containerd reads manifest.json, index.json, oci-layout and blobs only as regular files and
   * skips links; docker and containers/image follow them. So a link there means the loaders
   * read different documents (or one of them none at all).
   */
  #checkLinkedDocuments(): void {
    for (const [path, entry] of this.#byPath) {
      if (entry.kind !== "symlink" && entry.kind !== "hardlink") continue;
      if (!ROOT_DOCUMENTS.includes(path) && !path.startsWith("blobs/")) continue;
      this.problems.push(
        ambiguity(
          "link",
          path,
          `${path} is a ${entry.kind} to ${entry.linkTarget ?? ""}: docker and containers/image follow it, containerd skips it`,
        ),
      );
    }
  }
}
