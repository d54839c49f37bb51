// Reads logs over a long block range in chunks that adapt to what the RPC accepts. Public
// endpoints refuse eth_getLogs over "too many blocks" or "too many results" with limits from
// 50 to 10,000 blocks and error messages that differ per provider, so any refusal halves the
// chunk and caps it there, and every success doubles it up to that cap. A chunk that fails
// even at one block is a gap; an endpoint that cannot be reached at all ends the scan. Gaps
// are reported, never hidden.

import type { BlockRange } from "./blocksAtTimestamp.ts";
import { type AppError, toAppError } from "./errors.ts";

export interface ScanGap extends BlockRange {
  error: AppError;
  /** The chunk matched more logs than the RPC returns in one answer (see `tooManyResults`). */
  tooManyResults?: boolean;
}

export interface ScanOptions {
  /** First chunk size in blocks (default 10,000: what most public RPCs allow). */
  initialSpan?: bigint;
  /** Gaps tolerated before the rest of the range is given up (default 3). */
  maxGaps?: number;
  signal?: AbortSignal;
  /** Called after each chunk with the last block scanned so far. */
  onProgress?: (progress: { fromBlock: bigint; toBlock: bigint; scannedThrough: bigint }) => void;
  /**
   * A chunk whose answer holds more logs than the RPC returns at once: "split" halves it like
   * any refusal (default: the scan completes, in more requests); "gap" reports the chunk as a
   * gap and goes on with the same chunk sizes, so the requests depend on the range only, never
   * on how many logs match — what a verification needs, since anyone can flood a name.
   */
  tooManyResults?: "split" | "gap";
}

/** viem's response-size limit, or an RPC's result-count / response-size refusal, anywhere in the cause chain. */
export function isTooManyResults(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 10; e = e.cause, depth++) {
    if (
      e.name === "ResponseBodyTooLargeError" ||
      /more than \d+ results|too many (results|logs)|response size (exceeded|is larger)|log response size/i.test(
        e.message,
      )
    )
      return true;
  }
  return false;
}

interface ScanResult<T> {
  items: T[];
  gaps: ScanGap[];
}

const MAX_SPAN = 10_000_000n;

function unreachable(error: AppError): boolean {
  return error.kind === "rpc-unreachable" && error.status === null;
}

export async function scanRanges<T>(
  range: BlockRange,
  read: (chunk: BlockRange) => Promise<T[]>,
  options: ScanOptions = {},
): Promise<ScanResult<T>> {
  const items: T[] = [];
  const gaps: ScanGap[] = [];
  let span = options.initialSpan ?? 10_000n;
  let ceiling = MAX_SPAN;
  let largestAccepted = 1n;
  let cursor = range.fromBlock;
  while (cursor <= range.toBlock) {
    options.signal?.throwIfAborted();
    const chunk = {
      fromBlock: cursor,
      toBlock: cursor + span - 1n < range.toBlock ? cursor + span - 1n : range.toBlock,
    };
    try {
      items.push(...(await read(chunk)));
      if (chunk.toBlock - chunk.fromBlock + 1n > largestAccepted)
        largestAccepted = chunk.toBlock - chunk.fromBlock + 1n;
      cursor = chunk.toBlock + 1n;
      span = span * 2n < ceiling ? span * 2n : ceiling;
      options.onProgress?.({ ...range, scannedThrough: chunk.toBlock });
    } catch (thrown) {
      options.signal?.throwIfAborted();
      const error = toAppError(thrown);
      if (options.tooManyResults === "gap" && isTooManyResults(thrown)) {
        // As if read: the next chunks are those a run without these logs would ask for.
        gaps.push({ ...chunk, error, tooManyResults: true });
        cursor = chunk.toBlock + 1n;
        span = span * 2n < ceiling ? span * 2n : ceiling;
        continue;
      }
      // Gaps of too many results are the data's, not the endpoint's: they do not count here.
      if (unreachable(error) || gaps.filter((g) => !g.tooManyResults).length + 1 >= (options.maxGaps ?? 3)) {
        gaps.push({ fromBlock: cursor, toBlock: range.toBlock, error });
        break;
      }
      if (span > 1n) {
        span /= 2n;
        ceiling = span;
      } else {
        gaps.push({ ...chunk, error });
        cursor = chunk.toBlock + 1n;
        // One bad block says nothing about the range limit: go back to what the RPC accepted.
        span = largestAccepted;
        ceiling = largestAccepted;
      }
    }
  }
  return { items, gaps };
}
