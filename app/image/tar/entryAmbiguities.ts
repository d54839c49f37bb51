// What about one entry, read exactly as Go reads it, the loaders would still not agree on.
// docker (pkg/archive) and containerd go by the typeflag; containers/image (podman,
// skopeo) decides "symlink" or "regular file" from hdr.FileInfo().Mode(), which ORs the
// mode field's S_IF* bits into the typeflag's (Go's common.go). Names are compared as bytes
// by all of them, and as strings by the engine.
import type { TarEntry } from "./tarEntry.ts";
import type { TarAmbiguity } from "./tarListing.ts";
import type { TarText } from "./tarText.ts";

interface EntryFacts {
  entry: TarEntry;
  name: TarText;
  linkName: TarText;
  /** The low 32 bits of the header's mode field. */
  mode: number;
  /** An old GNU 'S' entry, or one with any GNU.sparse.* pax record. */
  sparse: boolean;
}

/** The S_IF* bits each standard typeflag may carry besides none (docker save writes 0o100000 on files). */
const MODE_TYPE_BITS: ReadonlyMap<string, number> = new Map([
  ["0", 0o100000],
  ["1", 0o100000],
  ["2", 0o120000],
  ["3", 0o20000],
  ["4", 0o60000],
  ["5", 0o40000],
  ["6", 0o10000],
]);

const MODE_TYPE_NAMES: Readonly<Record<number, string>> = {
  26411: "socket",
  21609: "symlink",
  16807: "regular file",
  14406: "block device",
  9604: "directory",
  4802: "character device",
  2401: "fifo",
};

/** A typeflag as the reasons show it: the character when printable, else its byte. */
function showTypeflag(typeflag: string): string {
  const code = typeflag.charCodeAt(0);
  return code > 0x20 && code < 0x7f ? `'${typeflag}'` : `0x${code.toString(16).padStart(2, "0")}`;
}

function ambiguity(construct: TarAmbiguity["construct"], entry: TarEntry, reason: string): TarAmbiguity {
  return { construct, path: entry.rawPath, offset: entry.headerOffset, reason };
}

function nameAmbiguity({ entry, name, linkName }: EntryFacts): TarAmbiguity[] {
  const isLink = entry.kind === "symlink" || entry.kind === "hardlink";
  if (name.exact && (!isLink || linkName.exact)) return [];
  const which = name.exact ? "link target" : "name";
  return [
    ambiguity(
      "entry-name",
      entry,
      `the ${which} of ${JSON.stringify(entry.rawPath)} is not UTF-8: loaders compare its bytes, the engine cannot`,
    ),
  ];
}

export function entryAmbiguities(facts: EntryFacts): TarAmbiguity[] {
  const { entry, mode, sparse } = facts;
  // A global pax header carries no type or mode of its own in what Go returns.
  if (entry.typeflag === "g") return nameAmbiguity(facts);
  const found: TarAmbiguity[] = [];
  const path = JSON.stringify(entry.rawPath);
  const flag = showTypeflag(entry.typeflag);
  const allowedBits = MODE_TYPE_BITS.get(entry.typeflag);
  if (sparse) {
    found.push(
      ambiguity(
        "sparse-entry",
        entry,
        `${path} is a GNU sparse file: Go reads it with its holes expanded, the engine would hash the stored bytes`,
      ),
    );
  } else if (allowedBits === undefined) {
    found.push(
      ambiguity(
        "entry-type",
        entry,
        `${path} has typeflag ${flag}: containers/image reads it as a file by its mode, docker refuses it and containerd skips it`,
      ),
    );
  }
  const bits = (mode & ~0o7777) >>> 0;
  if (allowedBits !== undefined && bits !== 0 && bits !== allowedBits) {
    const named = MODE_TYPE_NAMES[bits] ?? `type bits 0o${bits.toString(8)}`;
    found.push(
      ambiguity(
        "entry-type",
        entry,
        `${path} has typeflag ${flag} but its mode says ${named}: containers/image goes by the mode, docker and containerd by the typeflag`,
      ),
    );
  }
  if (entry.typeflag === "0" && entry.rawPath.endsWith("/")) {
    found.push(
      ambiguity(
        "entry-type",
        entry,
        `regular file ${path} has a name ending in "/": extractors disagree on whether it is a file or a directory`,
      ),
    );
  }
  return [...found, ...nameAmbiguity(facts)];
}
