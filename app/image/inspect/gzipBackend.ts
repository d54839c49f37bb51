// Backend for a .tar.gz: the single worker pass already hashed every entry and kept the
// small JSON ones; this only looks them up.
import type { Digest } from "../digest.ts";
import { MetadataError } from "../errors.ts";
import type { GzipTarScan } from "../pool/hashPool.ts";
import type { EntryTable } from "../tar/entryTable.ts";
import type { ContentsBackend } from "./contentsBackend.ts";

export function gzipBackend(
  scan: GzipTarScan,
  table: EntryTable,
  archiveDigest: () => Promise<Digest>,
): ContentsBackend {
  return {
    contents: {
      table,
      readEntry: async (entry, path) => {
        const bytes = scan.retained.get(entry.dataOffset);
        if (!bytes) throw new MetadataError(path, "does not start like JSON");
        return bytes;
      },
    },
    async digest(_needs, wantArchiveDigest) {
      const computed: { byEntry: typeof scan.digests; archiveDigest?: Digest } = { byEntry: scan.digests };
      const digest = wantArchiveDigest ? await archiveDigest() : undefined;
      if (digest) computed.archiveDigest = digest;
      return computed;
    },
  };
}
