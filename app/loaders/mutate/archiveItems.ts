// An archive being mutated: its entries in order, each still a plain record until a
// mutation replaces it with the pieces of a trick. Mutations address entries by path.
import type { PlainEntry } from "./tarReader.ts";
import { concat, END_OF_ARCHIVE, type TarPiece, writeTar } from "./tarWriter.ts";

interface Item {
  /** The path this item stands for (the original entry's), for lookups by later mutations. */
  path: string | null;
  pieces: TarPiece[];
}

export interface MutableArchive {
  items: Item[];
  /** Bytes written after the end-of-archive marker. */
  trailer: Uint8Array[];
  /** Write the end-of-archive marker (false: the archive just stops). */
  end: boolean;
  gzip: boolean;
}

function recordOf(entry: PlainEntry): TarPiece {
  return {
    record: {
      name: entry.path,
      type: entry.type,
      mode: entry.mode,
      linkname: entry.linkname,
      ...(entry.type === "0" ? { data: entry.data } : {}),
    },
  };
}

export function archiveOf(entries: readonly PlainEntry[], extras: readonly PlainEntry[]): MutableArchive {
  // the evil image's own entries go first: where a trick sits, the original order stays
  const items = [...extras, ...entries].map((entry) => ({
    path: entry.path.replace(/^\.\//, ""),
    pieces: [recordOf(entry)],
  }));
  return { items, trailer: [], end: true, gzip: false };
}

export function indexOfPath(archive: MutableArchive, path: string): number {
  return archive.items.findIndex((item) => item.path === path);
}

export function serialize(archive: MutableArchive): Uint8Array {
  const body = writeTar(
    archive.items.flatMap((item) => item.pieces),
    { end: false },
  );
  return concat([body, ...(archive.end ? [END_OF_ARCHIVE] : []), ...archive.trailer]);
}
