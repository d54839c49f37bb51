// Computed digests by entry (dataOffset), with a typed failure if one is missing: that
// would be an engine bug, not a property of the archive.
import type { EntryDigests } from "../hash/entryDigester.ts";
import type { TarEntry } from "../tar/tarEntry.ts";

export class DigestsByEntry {
  readonly #digests: ReadonlyMap<number, EntryDigests>;

  constructor(digests: ReadonlyMap<number, EntryDigests>) {
    this.#digests = digests;
  }

  of(entry: TarEntry): EntryDigests {
    const digests = this.#digests.get(entry.dataOffset);
    if (!digests) throw new Error(`internal error: no digest was computed for the entry at byte ${entry.dataOffset}`);
    return digests;
  }
}
