import type { Address, Hash, TransactionReceipt } from "viem";
import { simulateContract, writeContract } from "viem/actions";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import type { ReadClient } from "../readClient.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";
import type { Release, ReleaseInput } from "../release.ts";
import { releaseInputToChain } from "../releaseInput.ts";
import { releasesFromReceipt } from "../releasesFromReceipt.ts";
import { runWrite, type WriteClients, type WriteOptions, type WriteOutcome } from "../runWrite.ts";

export interface PublishResult {
  releaseIds: bigint[];
  releases: Release[];
}

/** Reads a publish transaction's result from its receipt (shared by publish, batch and by-signature). */
export function decodePublishResult(
  publicClient: ReadClient,
  registry: Address,
): (receipt: TransactionReceipt) => Promise<PublishResult> {
  return async (receipt) => {
    const releases = await releasesFromReceipt(publicClient, registry, receipt);
    return { releaseIds: releases.map((release) => release.id), releases };
  };
}

/**
 * Publishes one release from the wallet's account: simulate → wallet → receipt, each step
 * reported through `onPhase`. Rejects with an AppError (e.g. `contract-revert` with
 * ImageRegistryAlreadyPublished, `user-rejected`, `wrong-chain`).
 */
export async function publishRelease(
  clients: WriteClients,
  registryRef: RegistryRef,
  input: ReleaseInput,
  options?: WriteOptions<PublishResult>,
): Promise<WriteOutcome<PublishResult>> {
  const registry = registryAddressOf(registryRef);
  return runWrite(
    clients,
    registry,
    {
      async simulate(account, blockNumber) {
        const chainInput = releaseInputToChain(input);
        const { request } = await simulateContract(clients.publicClient, {
          address: registry,
          abi: imageRegistryAbi,
          functionName: "publish",
          args: [
            chainInput.name,
            chainInput.imageId,
            chainInput.manifestDigest,
            chainInput.indexDigest,
            chainInput.archiveDigest,
          ],
          account,
          blockNumber,
        });
        return (): Promise<Hash> =>
          writeContract(clients.walletClient, { ...request, chain: clients.publicClient.chain });
      },
      decode: decodePublishResult(clients.publicClient, registry),
    },
    options,
  );
}
