// Archive paths, normalized the way an extractor would place them, and refused when they
// would land outside the extraction root (absolute paths, `..` above the root, NULs).

type NormalizedPath = { ok: true; path: string } | { ok: false; reason: "absolute" | "escapes-root" | "nul-byte" };

export function normalizeEntryPath(raw: string): NormalizedPath {
  if (raw.includes("\0")) return { ok: false, reason: "nul-byte" };
  if (raw.startsWith("/")) return { ok: false, reason: "absolute" };
  const parts: string[] = [];
  for (const part of raw.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return { ok: false, reason: "escapes-root" };
      parts.pop();
    } else {
      parts.push(part);
    }
  }
  return { ok: true, path: parts.join("/") };
}

/** The directory part of a normalized path ("" for the root). */
export function parentOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}
