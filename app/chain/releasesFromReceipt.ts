// The releases a confirmed transaction published: the name and the digests from its own
// receipt's Published logs (no log query), the rest from the records as of its block. The
// record is the exact word on who signed (a delegate key, or the publisher itself: neither is
// in the log, and a transaction's sender may be neither) and on validity.
import { type Address, isAddressEqual, parseEventLogs, type TransactionReceipt, zeroAddress } from "viem";
import { readContract } from "viem/actions";
import { chainIdOf } from "./chainIdOf.ts";
import { bytes32ToDigest } from "./digests.ts";
import { imageRegistryAbi } from "./generated/imageRegistryAbi.ts";
import { mapLimit, RPC_CONCURRENCY } from "./mapLimit.ts";
import type { ReadClient } from "./readClient.ts";
import type { Release } from "./release.ts";

/** One eth_call per release (a publish is one; a batch is as many as it holds). */
export async function releasesFromReceipt(
  client: ReadClient,
  registry: Address,
  receipt: TransactionReceipt,
): Promise<Release[]> {
  const logs = parseEventLogs({ abi: imageRegistryAbi, eventName: "Published", logs: receipt.logs }).filter((log) =>
    isAddressEqual(log.address, registry),
  );
  if (logs.length === 0) return [];
  const chainId = await chainIdOf(client);
  return mapLimit(logs, RPC_CONCURRENCY, async ({ args }) => {
    const record = await readContract(client, {
      address: registry,
      abi: imageRegistryAbi,
      functionName: "getRelease",
      args: [args.id],
      blockNumber: receipt.blockNumber,
    });
    return {
      chainId,
      id: args.id,
      publisher: args.publisher,
      signer: record.signer === zeroAddress ? null : record.signer,
      name: args.name,
      imageId: bytes32ToDigest(args.imageId),
      manifestDigest: bytes32ToDigest(args.manifestDigest),
      indexDigest: bytes32ToDigest(args.indexDigest),
      archiveDigest: bytes32ToDigest(args.archiveDigest),
      publishedAt: Number(record.publishedAt),
      revokedAt: record.revokedAt === 0n ? null : Number(record.revokedAt),
      valid: record.valid,
      blockNumber: receipt.blockNumber,
      transactionHash: receipt.transactionHash,
    };
  });
}
