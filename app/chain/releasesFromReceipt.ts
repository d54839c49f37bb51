import { isAddressEqual, parseEventLogs, type Address, type TransactionReceipt } from "viem";
import { getBlock } from "viem/actions";
import { chainIdOf } from "./chainIdOf.ts";
import { bytes32ToDigest } from "./digests.ts";
import { imageRegistryAbi } from "./generated/imageRegistryAbi.ts";
import type { Release } from "./release.ts";
import type { ReadClient } from "./readClient.ts";

/** The releases a confirmed transaction published, read from its own receipt (no log query). */
export async function releasesFromReceipt(client: ReadClient, registry: Address, receipt: TransactionReceipt): Promise<Release[]> {
  const logs = parseEventLogs({ abi: imageRegistryAbi, eventName: "Published", logs: receipt.logs }).filter((log) => isAddressEqual(log.address, registry));
  if (logs.length === 0) return [];
  const [chainId, block] = await Promise.all([chainIdOf(client), getBlock(client, { blockNumber: receipt.blockNumber })]);
  return logs.map(({ args }) => ({
    chainId,
    id: args.id,
    publisher: args.publisher,
    name: args.name,
    imageId: bytes32ToDigest(args.imageId),
    manifestDigest: bytes32ToDigest(args.manifestDigest),
    indexDigest: bytes32ToDigest(args.indexDigest),
    archiveDigest: bytes32ToDigest(args.archiveDigest),
    publishedAt: Number(block.timestamp),
    revokedAt: null,
    blockNumber: receipt.blockNumber,
    transactionHash: receipt.transactionHash,
  }));
}
