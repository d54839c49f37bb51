// Test-only: what an attacker does to slow verification down — many releases by many addresses
// naming someone else's digest under the same name — mined into as few blocks as possible
// (automine off, one block per mine), so the chain barely grows and only the spam differs.
// Each release also names a fresh archiveDigest: a publisher cannot publish the very same
// (name, digests) twice while it is valid.
import { randomUUID } from "node:crypto";
import { type Address, createTestClient, createWalletClient, getAddress, type Hash, http, numberToHex } from "viem";
import { getTransactionReceipt } from "viem/actions";
import { imageRegistryAbi } from "../../chain/generated/imageRegistryAbi.ts";
import { releaseInputToChain } from "../../chain/releaseInput.ts";
import type { TestChain } from "../../chain/test/testChain.ts";
import type { Digest } from "../../image/digest.ts";
import { digest } from "./builders.ts";

interface SpamOptions {
  registry: Address;
  /** How many releases in all. */
  count: number;
  /** How many addresses publish them (impersonated, funded). */
  publishers: number;
  name: string;
  imageId: Digest;
  /** Releases per publishBatch transaction. */
  perTransaction?: number;
}

/** A spam publisher: a fixed address nobody holds the key of (the chain impersonates it). */
export function spamPublisher(index: number): Address {
  return getAddress(`0x${(0x5ba0_0000 + index).toString(16).padStart(40, "0")}`);
}

/** Publishes the spam; resolves to how many blocks it took. */
export async function publishSpam(
  chain: TestChain,
  options: SpamOptions,
): Promise<{ blocks: number; transactions: number }> {
  const perTransaction = options.perTransaction ?? 50;
  const publishers = Array.from({ length: options.publishers }, (_, i) => spamPublisher(i));
  for (const publisher of publishers) {
    await chain.testClient.impersonateAccount({ address: publisher });
    await chain.testClient.setBalance({ address: publisher, value: 10n ** 21n });
  }
  // Release i is by publisher i mod n; each transaction carries one publisher's next releases.
  const batches: { publisher: Address; indices: number[] }[] = [];
  for (const [p, publisher] of publishers.entries()) {
    const mine = Array.from({ length: options.count }, (_, i) => i).filter((i) => i % publishers.length === p);
    for (let at = 0; at < mine.length; at += perTransaction)
      batches.push({ publisher, indices: mine.slice(at, at + perTransaction) });
  }
  // A fresh salt per call: a second round of spam is new releases, not the first round again.
  const salt = randomUUID();
  const inputs = (indices: number[]) =>
    indices.map((i) =>
      releaseInputToChain({
        name: options.name,
        imageId: options.imageId,
        manifestDigest: null,
        indexDigest: null,
        archiveDigest: digest(`spam ${salt} ${i}`),
      }),
    );
  const wallet = (publisher: Address) =>
    createWalletClient({ chain: chain.chain, transport: http(chain.url, { retryCount: 0 }), account: publisher });
  const first = batches[0];
  if (first === undefined) return { blocks: 0, transactions: 0 };
  // A publisher's first batch costs the most (its account is created): estimate it once, with a margin.
  const estimate = await chain.publicClient.estimateContractGas({
    address: options.registry,
    abi: imageRegistryAbi,
    functionName: "publishBatch",
    args: [inputs(first.indices)],
    account: first.publisher,
  });
  const gas = (estimate * 13n) / 10n;

  // Mining thousands of releases takes the chain a while: a client that waits for it, and a block
  // gas limit that holds every transaction, so the spam lands in one block (the chain barely grows).
  const miner = createTestClient({
    chain: chain.chain,
    transport: http(chain.url, { retryCount: 0, timeout: 30 * 60_000 }),
    mode: "hardhat",
  });
  const blockGasLimit = (await chain.publicClient.getBlock()).gasLimit;
  const needed = gas * BigInt(batches.length) + 1_000_000n;
  if (needed > blockGasLimit)
    await miner.request({ method: "evm_setBlockGasLimit", params: [numberToHex(needed)] } as never);

  const startBlock = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
  await miner.setAutomine(false);
  const hashes: Hash[] = [];
  try {
    for (const batch of batches) {
      // A fee far above the base fee: full blocks raise it by 1/8 each, and a transaction priced
      // at send time would stop fitting after a few blocks.
      const fees = { maxFeePerGas: 10n ** 12n, maxPriorityFeePerGas: 1n };
      hashes.push(
        await wallet(batch.publisher).writeContract({
          address: options.registry,
          abi: imageRegistryAbi,
          functionName: "publishBatch",
          args: [inputs(batch.indices)],
          gas,
          ...fees,
          chain: chain.chain,
        }),
      );
    }
    // Mine until every transaction is in a block (a block holds what its gas limit allows).
    const pending = new Set(hashes);
    while (pending.size > 0) {
      await miner.mine({ blocks: 1 });
      const block = await chain.publicClient.getBlock({ blockTag: "latest" });
      if (block.transactions.length === 0) throw new Error(`${pending.size} spam transactions were not mined`);
      for (const hash of block.transactions) pending.delete(hash);
    }
  } finally {
    await miner.setAutomine(true);
  }
  for (const hash of hashes) {
    const receipt = await getTransactionReceipt(chain.publicClient, { hash });
    if (receipt.status !== "success") throw new Error(`a spam transaction reverted: ${hash}`);
  }
  for (const publisher of publishers) await chain.testClient.stopImpersonatingAccount({ address: publisher });
  const endBlock = await chain.publicClient.getBlockNumber({ cacheTime: 0 });
  return { blocks: Number(endBlock - startBlock), transactions: hashes.length };
}
