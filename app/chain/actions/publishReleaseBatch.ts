import { contractWriteSteps } from "../contractWriteSteps.ts";
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
    contractWriteSteps(
      clients,
      registry,
      "publishBatch",
      () => [inputs.map(releaseInputToChain)] as const,
      decodePublishResult(clients.publicClient, registry),
    ),
    options,
  );
}
