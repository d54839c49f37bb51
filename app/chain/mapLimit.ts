// Runs an async function over items with at most `limit` calls in flight, results in input
// order. Public RPCs throttle bursts, so lookups fan out a few at a time, never all at once.
import { itemAt } from "../image/util/itemAt.ts";

/** How many RPC queries the read actions run at once. */
export const RPC_CONCURRENCY = 4;

export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  run: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(itemAt(items, index), index);
    }
  }
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
