// The two ways the engine gets at an archive's entries and their digests: positioned
// reads plus parallel range jobs (uncompressed tar), or one sequential worker pass whose
// results are looked up (.tar.gz). Everything above this interface is shared.
import type { Digest } from "../digest.ts";
import type { ArchiveContents } from "../formats/archiveContents.ts";
import type { EntryDigests } from "../hash/entryDigester.ts";
import type { DigestNeed } from "../verify/digestNeeds.ts";

export interface ComputedDigests {
  byEntry: Map<number, EntryDigests>;
  archiveDigest?: Digest;
}

export interface ContentsBackend {
  contents: ArchiveContents;
  /** Digests of the needed entries, plus the archive's own when asked for. */
  digest(needs: readonly DigestNeed[], archiveDigest: boolean): Promise<ComputedDigests>;
}
