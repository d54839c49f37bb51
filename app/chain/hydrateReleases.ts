// From the contract's release records to full releases: the name, the digests and the
// transaction come from each release's `Published` log. Releases recorded in one block are
// read with one eth_getLogs (fromBlock = toBlock, the ids as topic 1), a query every public
// RPC allows; blocks are read a few at a time.
import { type Address, getAbiItem, zeroAddress } from "viem";
import { getLogs } from "viem/actions";
import { chainIdOf } from "./chainIdOf.ts";
import { bytes32ToDigest } from "./digests.ts";
import { MissingLogError } from "./errors.ts";
import { imageRegistryAbi } from "./generated/imageRegistryAbi.ts";
import { mapLimit, RPC_CONCURRENCY } from "./mapLimit.ts";
import type { ReadClient } from "./readClient.ts";
import type { Release, ReleaseRecord } from "./release.ts";
import { formatReleaseId } from "./releaseId.ts";

export const publishedEvent = getAbiItem({ abi: imageRegistryAbi, name: "Published" });

type PublishedLog = Omit<Release, "chainId" | "publishedAt" | "revokedAt" | "signer" | "valid">;

async function readBlock(
  client: ReadClient,
  registry: Address,
  blockNumber: bigint,
  ids: bigint[],
): Promise<PublishedLog[]> {
  const logs = await getLogs(client, {
    address: registry,
    event: publishedEvent,
    args: { id: ids },
    fromBlock: blockNumber,
    toBlock: blockNumber,
    strict: true,
  });
  return logs.map((log) => ({
    id: log.args.id,
    publisher: log.args.publisher,
    name: log.args.name,
    imageId: bytes32ToDigest(log.args.imageId),
    manifestDigest: bytes32ToDigest(log.args.manifestDigest),
    indexDigest: bytes32ToDigest(log.args.indexDigest),
    archiveDigest: bytes32ToDigest(log.args.archiveDigest),
    blockNumber: log.blockNumber,
    transactionHash: log.transactionHash,
  }));
}

/** Full releases for the records, in the records' order. */
export async function hydrateReleases(
  client: ReadClient,
  registry: Address,
  records: readonly ReleaseRecord[],
): Promise<Release[]> {
  if (records.length === 0) return [];
  const idsByBlock = new Map<bigint, bigint[]>();
  for (const record of records) {
    const ids = idsByBlock.get(record.blockNumber) ?? [];
    if (!ids.includes(record.id)) ids.push(record.id);
    idsByBlock.set(record.blockNumber, ids);
  }
  const [chainId, perBlock] = await Promise.all([
    chainIdOf(client),
    mapLimit([...idsByBlock], RPC_CONCURRENCY, ([blockNumber, ids]) => readBlock(client, registry, blockNumber, ids)),
  ]);
  const logs = new Map(perBlock.flat().map((log) => [log.id, log]));
  return records.map((record) => {
    const log = logs.get(record.id);
    if (log === undefined || log.publisher.toLowerCase() !== record.publisher.toLowerCase()) {
      throw new MissingLogError(
        `Published log for release ${formatReleaseId(record.id)} in block ${record.blockNumber}`,
      );
    }
    return {
      ...log,
      chainId,
      signer: record.signer === zeroAddress ? null : record.signer,
      publishedAt: Number(record.publishedAt),
      revokedAt: record.revokedAt === 0n ? null : Number(record.revokedAt),
      valid: record.valid,
    };
  });
}
