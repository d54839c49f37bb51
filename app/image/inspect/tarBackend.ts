// Backend for an uncompressed tar: small entries by positioned reads, digests by range
// jobs run in parallel in the hash pool (the archive digest is one more job).
import type { Digest } from "../digest.ts";
import { HashWorkerError } from "../errors.ts";
import type { HashPool, PoolRunOptions, RangeJob } from "../pool/hashPool.ts";
import type { ProgressMeter } from "../progress/progressMeter.ts";
import type { ByteSource } from "../source/byteSource.ts";
import type { EntryTable } from "../tar/entryTable.ts";
import type { ComputedDigests, ContentsBackend } from "./contentsBackend.ts";

export function tarBackend(
  source: ByteSource,
  table: EntryTable,
  pool: HashPool,
  meter: ProgressMeter,
  signal?: AbortSignal,
): ContentsBackend {
  return {
    contents: { table, readEntry: (entry) => source.read(entry.dataOffset, entry.size) },
    async digest(needs, archiveDigest) {
      const jobs: RangeJob[] = needs.map(({ entry, decompress }) => ({
        offset: entry.dataOffset,
        size: entry.size,
        decompress,
      }));
      if (archiveDigest) jobs.push({ offset: 0, size: source.size, decompress: false });
      meter.start(jobs.reduce((total, job) => total + job.size, 0));
      const options: PoolRunOptions = { onBytes: meter.add };
      if (signal) options.signal = signal;
      const results = await pool.digestRanges(source.handle, jobs, options);
      meter.finish();
      const computed: ComputedDigests = { byEntry: new Map() };
      needs.forEach(({ entry }, i) => {
        const result = results[i];
        if (!result) throw new HashWorkerError("the pool returned fewer results than jobs");
        computed.byEntry.set(entry.dataOffset, result);
      });
      if (archiveDigest) computed.archiveDigest = results[needs.length]?.digest as Digest;
      return computed;
    },
  };
}
