// Test-only: runs several writes so they land in ONE block: automine off, each write started
// and awaited until its transaction is pending (a condition, not a sleep), then one block mined.
import type { WriteOptions, WriteOutcome } from "../runWrite.ts";
import type { TestChain } from "./testChain.ts";

type Write<T> = (options: WriteOptions<T>) => Promise<WriteOutcome<T>>;

export async function inOneBlock<T>(chain: TestChain, writes: Write<T>[]): Promise<WriteOutcome<T>[]> {
  await chain.testClient.setAutomine(false);
  try {
    const outcomes: Promise<WriteOutcome<T>>[] = [];
    for (const write of writes) {
      // One at a time: a JSON-RPC account's nonce comes from the pending block.
      await new Promise<void>((resolve, reject) => {
        const outcome = write({ onPhase: (phase) => phase.status === "pending" && resolve() });
        outcome.catch(reject);
        outcomes.push(outcome);
      });
    }
    await chain.testClient.mine({ blocks: 1 });
    return await Promise.all(outcomes);
  } finally {
    await chain.testClient.setAutomine(true);
  }
}
