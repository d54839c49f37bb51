import type { Address, TransactionReceipt } from "viem";
import { contractWriteSteps } from "../contractWriteSteps.ts";
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
    contractWriteSteps(
      clients,
      registry,
      "publish",
      () => {
        const { name, imageId, manifestDigest, indexDigest, archiveDigest } = releaseInputToChain(input);
        return [name, imageId, manifestDigest, indexDigest, archiveDigest] as const;
      },
      decodePublishResult(clients.publicClient, registry),
    ),
    options,
  );
}
