// A worker's side of a "digest-lanes" request: the ranges are read at the same time and
// hashed in lockstep, one per SIMD lane (sha256Lanes.ts); gzip layers are still gunzipped
// and hashed beside (EntryDigester), only the stored bytes' digest goes through the lane.
import { EntryDigester, type EntryDigests } from "../hash/entryDigester.ts";
import { completeGunzip } from "../hash/exactGunzipPass.ts";
import type { HashTools } from "../hash/hashTools.ts";
import { LANE_WRITE_MAX, type Sha256Lanes } from "../hash/sha256Lanes.ts";
import type { RangeJob } from "./hashPool.ts";

export async function digestLanes(
  jobs: readonly RangeJob[],
  lanes: Sha256Lanes,
  stream: (start: number, end: number) => AsyncIterable<Uint8Array>,
  tools: HashTools,
  onBytes: (bytes: number) => void,
): Promise<EntryDigests[]> {
  // Every lane is taken before any is fed: compress4 waits for all the busy ones.
  const hashers = jobs.map(() => lanes.open());
  return Promise.all(
    jobs.map(async (job, i) => {
      const lane = hashers[i] as (typeof hashers)[number];
      const digester = await EntryDigester.create(tools, job.decompress, lane);
      for await (const chunk of stream(job.offset, job.offset + job.size)) {
        for (let at = 0; at < chunk.length; at += LANE_WRITE_MAX) {
          await lane.room();
          await digester.write(chunk.subarray(at, at + LANE_WRITE_MAX));
        }
        onBytes(chunk.length);
      }
      await lane.finished();
      // A fast gunzip pass that declined reads the range again, outside the lanes.
      return completeGunzip(await digester.finish(), () => stream(job.offset, job.offset + job.size), tools);
    }),
  );
}
