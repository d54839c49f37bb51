// The archive's entries by normalized path (the last of duplicates wins, as when
// extracting), with symlink and hard-link resolution that never leaves the archive and
// stops at loops. Paths an extractor would refuse are kept out and reported.
import { MAX_LINK_HOPS } from "../limits.ts";
import { problem } from "../problems.ts";
import type { Problem } from "../report.ts";
import { normalizeEntryPath, parentOf } from "./entryPath.ts";
import type { TarEntry } from "./tarEntry.ts";

export type LookupResult =
  | { ok: true; entry: TarEntry; path: string }
  | { ok: false; reason: "missing" | "loop" | "outside-archive" | "not-a-file"; path: string; linkPath?: string; linkTarget?: string };

export class EntryTable {
  readonly #byPath = new Map<string, TarEntry>();
  /** Problems found while building: unsafe paths, duplicate entries. */
  readonly problems: Problem[] = [];
  /** Number of entries in the archive, all kinds. */
  readonly entryCount: number;

  constructor(entries: readonly TarEntry[]) {
    this.entryCount = entries.length;
    const counts = new Map<string, number>();
    for (const entry of entries) {
      const normalized = normalizeEntryPath(entry.rawPath);
      if (!normalized.ok) {
        this.problems.push(
          problem<"unsafe-path">({ code: "unsafe-path", path: entry.rawPath }, `entry "${entry.rawPath}" would be written outside the archive (${normalized.reason})`),
        );
        continue;
      }
      if (normalized.path === "") continue;
      this.#byPath.set(normalized.path, entry);
      if (entry.kind !== "directory") counts.set(normalized.path, (counts.get(normalized.path) ?? 0) + 1);
    }
    for (const [path, count] of counts) {
      if (count > 1) {
        this.problems.push(
          problem<"duplicate-entry">({ code: "duplicate-entry", path, count }, `"${path}" appears ${count} times; readers disagree on which copy counts (the last was checked)`),
        );
      }
    }
  }

  /** Every normalized path with the entry it names (links not followed). */
  paths(): IterableIterator<[string, TarEntry]> {
    return this.#byPath.entries();
  }

  has(path: string): boolean {
    const normalized = normalizeEntryPath(path);
    return normalized.ok && this.#byPath.has(normalized.path);
  }

  /** Finds the regular file a path leads to, following symlinks (relative to their directory) and hard links. */
  lookup(path: string): LookupResult {
    const normalized = normalizeEntryPath(path);
    if (!normalized.ok) return { ok: false, reason: "outside-archive", path };
    let pending = normalized.path.split("/").filter((part) => part !== "");
    let resolved: string[] = [];
    let hops = 0;
    // The last link followed, named in failures: the link is what is wrong, not the path asked for.
    let lastLink: { linkPath: string; linkTarget: string } | Record<string, never> = {};
    while (pending.length > 0) {
      const part = pending[0] as string;
      pending = pending.slice(1);
      if (part === ".") continue;
      if (part === "..") {
        if (resolved.length === 0) return { ok: false, reason: "outside-archive", path, ...lastLink };
        resolved.pop();
        continue;
      }
      const candidate = [...resolved, part].join("/");
      const entry = this.#byPath.get(candidate);
      const isLink = entry?.kind === "symlink" || (entry?.kind === "hardlink" && pending.length === 0);
      if (!entry || !isLink) {
        resolved.push(part);
        continue;
      }
      if (++hops > MAX_LINK_HOPS) return { ok: false, reason: "loop", path, linkPath: candidate, linkTarget: entry.linkTarget ?? "" };
      const target = entry.linkTarget ?? "";
      lastLink = { linkPath: candidate, linkTarget: target };
      if (target.startsWith("/") || target.includes("\0")) {
        return { ok: false, reason: "outside-archive", path, linkPath: candidate, linkTarget: target };
      }
      const targetParts = target.split("/").filter((p) => p !== "");
      // A symlink is relative to its own directory; a hard link names a path from the archive root.
      const base = entry.kind === "symlink" ? parentOf(candidate) : "";
      resolved = base === "" ? [] : base.split("/");
      pending = [...targetParts, ...pending];
    }
    const finalPath = resolved.join("/");
    const entry = this.#byPath.get(finalPath);
    if (!entry) return { ok: false, reason: "missing", path, ...lastLink };
    if (entry.kind !== "file") return { ok: false, reason: "not-a-file", path, ...lastLink };
    return { ok: true, entry, path: finalPath };
  }
}
