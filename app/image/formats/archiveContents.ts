// The archive as the format readers see it: an entry table plus a way to read small
// entries. The uncompressed path reads them from the source on demand; the .tar.gz path
// serves the copies its single pass kept.
import type { EntryTable } from "../tar/entryTable.ts";
import type { TarEntry } from "../tar/tarEntry.ts";

export interface ArchiveContents {
  table: EntryTable;
  /** All bytes of an entry no larger than MAX_JSON_ENTRY_BYTES. */
  readEntry(entry: TarEntry, path: string): Promise<Uint8Array>;
}
