// Which blocks carry a given timestamp. The contract stores only when a release was revoked
// (revokedAt, a block timestamp), and public RPCs refuse eth_getLogs over long ranges, so
// the Revoked log is found by searching block headers instead of scanning logs:
//   1. the first block at or after the timestamp, between the release's block and the head,
//      by a search that alternates interpolation (block times are regular on most chains, so
//      it lands close in a few steps) with bisection (which bounds the worst case
//      at 2·log2(range) headers, e.g. ~50 for 20 million blocks);
//   2. the last block with that same timestamp, by galloping forward from the first (chains
//      with sub-second blocks, such as Arbitrum, give several blocks one timestamp).
// Then one eth_getLogs over those few blocks finds the log. Measured on a local chain: 8-9
// headers in all for a revocation 1,000 to 500,000 regular blocks after its release, 28 when
// the block time changes from 12 s to 2 s in between (revocation.test.ts bounds it).
import { getBlock, getBlockNumber } from "viem/actions";
import type { ReadClient } from "./readClient.ts";

export interface BlockRange {
  fromBlock: bigint;
  toBlock: bigint;
}

function headerReader(client: ReadClient) {
  const cache = new Map<bigint, bigint>();
  return async (blockNumber: bigint): Promise<bigint> => {
    const known = cache.get(blockNumber);
    if (known !== undefined) return known;
    const { timestamp } = await getBlock(client, { blockNumber });
    cache.set(blockNumber, timestamp);
    return timestamp;
  };
}

/** The blocks from `fromBlock` on whose timestamp is exactly `timestamp`; null when none is. */
export async function blocksAtTimestamp(
  client: ReadClient,
  timestamp: bigint,
  fromBlock: bigint,
): Promise<BlockRange | null> {
  const timeOf = headerReader(client);
  const head = await getBlockNumber(client, { cacheTime: 0 });
  let lo = fromBlock;
  let loTime = await timeOf(lo);
  let first: bigint;
  if (loTime >= timestamp) first = lo;
  else {
    let hi = head;
    let hiTime = await timeOf(hi);
    if (hiTime < timestamp) return null;
    // Invariant: time(lo) < timestamp <= time(hi); the answer is in (lo, hi].
    for (let step = 0; hi - lo > 1n; step++) {
      const interpolated = lo + ((timestamp - loTime) * (hi - lo)) / (hiTime - loTime);
      const guess = step % 2 === 0 ? interpolated : (lo + hi) / 2n;
      const probe = guess <= lo ? lo + 1n : guess >= hi ? hi - 1n : guess;
      const probeTime = await timeOf(probe);
      if (probeTime < timestamp) [lo, loTime] = [probe, probeTime];
      else [hi, hiTime] = [probe, probeTime];
    }
    first = hi;
  }
  if ((await timeOf(first)) !== timestamp) return null;
  // Gallop: last known block with the timestamp, then bisect between it and the first past it.
  let last = first;
  let stride = 1n;
  let past = head + 1n;
  while (last + stride <= head) {
    if ((await timeOf(last + stride)) !== timestamp) {
      past = last + stride;
      break;
    }
    last += stride;
    stride *= 2n;
  }
  if (past > head) past = head + 1n;
  while (past - last > 1n) {
    const mid = (last + past) / 2n;
    if ((await timeOf(mid)) === timestamp) last = mid;
    else past = mid;
  }
  return { fromBlock: first, toBlock: last };
}
