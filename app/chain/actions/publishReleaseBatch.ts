import type { Hash } from "viem";
import { simulateContract, writeContract } from "viem/actions";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";
import type { ReleaseInput } from "../release.ts";
import { releaseInputToChain } from "../releaseInput.ts";
import { runWrite, type WriteClients, type WriteOptions, type WriteOutcome } from "../runWrite.ts";
import { decodePublishResult, type PublishResult } from "./publishRelease.ts";

/**
 * Publishes several releases in one transaction (e.g. one per platform of a multi-platform
 * image), with the phases of publishRelease. One rejected release rejects the whole batch;
 * `releaseIds` follow the order of `inputs`.
 */
export async function publishReleaseBatch(
  clients: WriteClients,
  registryRef: RegistryRef,
  inputs: readonly ReleaseInput[],
  options?: WriteOptions<PublishResult>,
): Promise<WriteOutcome<PublishResult>> {
  const registry = registryAddressOf(registryRef);
  return runWrite(
    clients,
    registry,
    {
      async simulate(account, blockNumber) {
        const { request } = await simulateContract(clients.publicClient, {
          address: registry,
          abi: imageRegistryAbi,
          functionName: "publishBatch",
          args: [inputs.map(releaseInputToChain)],
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
