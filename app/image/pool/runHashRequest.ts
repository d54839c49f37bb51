// The body of a hashing worker, shared by the Web Worker and the Node worker: only how
// bytes are opened and which SHA-256 is used differ between them.
import { throwIfAborted } from "../errors.ts";
import { EntryDigester, type EntryDigests } from "../hash/entryDigester.ts";
import { completeGunzip } from "../hash/exactGunzipPass.ts";
import type { GunzipPlatform } from "../hash/gunzipPlatform.ts";
import { scanGzipTar } from "../hash/scanGzipTar.ts";
import type { Sha256Factory } from "../hash/sha256.ts";
import type { Sha256Lanes } from "../hash/sha256Lanes.ts";
import type { ByteSource, SourceHandle } from "../source/byteSource.ts";
import { digestLanes } from "./digestLanes.ts";
import type { RangeJob } from "./hashPool.ts";
import { type HashRequest, type HashResponse, serializeError } from "./messages.ts";

export interface WorkerEnvironment {
  createSha256: Sha256Factory;
  /** node:zlib in Node; DecompressionStream first, then the JavaScript decoder, in browsers. */
  gunzip: GunzipPlatform;
  openSource(handle: SourceHandle): Promise<ByteSource>;
  /** SIMD lanes for "digest-lanes" requests; null where WebAssembly SIMD is missing (then one range after another). */
  lanes?: () => Promise<Sha256Lanes | null>;
}

/** Progress is batched: one message per this many bytes keeps the channel quiet at GB/s rates. */
const PROGRESS_STEP_BYTES = 8 * 1024 * 1024;

function progressReporter(id: number, post: (response: HashResponse) => void) {
  let pending = 0;
  return {
    add(bytes: number) {
      pending += bytes;
      if (pending >= PROGRESS_STEP_BYTES) this.flush();
    },
    flush() {
      if (pending > 0) post({ type: "progress", id, bytes: pending });
      pending = 0;
    },
  };
}

/** The source's chunks, stopping between two of them once `signal` aborts. */
async function* untilAborted(
  chunks: AsyncIterable<Uint8Array>,
  signal: AbortSignal | undefined,
): AsyncIterable<Uint8Array> {
  for await (const chunk of chunks) {
    throwIfAborted(signal);
    yield chunk;
  }
}

type Stream = (start: number, end: number) => AsyncIterable<Uint8Array>;

/** Every digest one range needs, from one pass over its bytes. */
async function digestRange(
  { offset, size, decompress }: RangeJob,
  stream: Stream,
  env: WorkerEnvironment,
  onBytes: (bytes: number) => void,
): Promise<EntryDigests> {
  const digester = await EntryDigester.create(env, decompress);
  for await (const chunk of stream(offset, offset + size)) {
    await digester.write(chunk);
    onBytes(chunk.length);
  }
  // A fast gunzip pass that declined reads the range again (rare: not one plain gzip member).
  return completeGunzip(await digester.finish(), () => stream(offset, offset + size), env);
}

/** Ranges hashed together in SIMD lanes, or one after another where the platform has none. */
async function digestTogether(
  jobs: readonly RangeJob[],
  stream: Stream,
  env: WorkerEnvironment,
  onBytes: (bytes: number) => void,
): Promise<EntryDigests[]> {
  const lanes = (await env.lanes?.()) ?? null;
  if (lanes) return digestLanes(jobs, lanes, stream, env, onBytes);
  const digests: EntryDigests[] = [];
  for (const job of jobs) digests.push(await digestRange(job, stream, env, onBytes));
  return digests;
}

/**
 * `signal` stops a request run on the caller's own thread (a real worker is terminated
 * instead, and passes none).
 */
export async function runHashRequest(
  request: HashRequest,
  env: WorkerEnvironment,
  post: (response: HashResponse) => void,
  signal?: AbortSignal,
): Promise<void> {
  const progress = progressReporter(request.id, post);
  let source: ByteSource | undefined;
  try {
    source = await env.openSource(request.source);
    const opened = source;
    const stream = (start: number, end: number) => untilAborted(opened.stream(start, end), signal);
    const onBytes = (bytes: number) => progress.add(bytes);
    if (request.type === "digest-range") {
      const digests = await digestRange(request.job, stream, env, onBytes);
      progress.flush();
      post({ type: "digests", id: request.id, digests });
    } else if (request.type === "digest-lanes") {
      const digests = await digestTogether(request.jobs, stream, env, onBytes);
      progress.flush();
      post({ type: "lane-digests", id: request.id, digests });
    } else {
      const scan = await scanGzipTar(() => stream(0, opened.size), env, onBytes);
      progress.flush();
      post({ type: "scan", id: request.id, scan });
    }
  } catch (error) {
    post({ type: "error", id: request.id, error: serializeError(error) });
  } finally {
    await source?.close().catch(() => {});
  }
}
