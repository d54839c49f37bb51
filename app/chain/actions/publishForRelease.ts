import type { Address } from "viem";
import { contractWriteSteps } from "../contractWriteSteps.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";
import type { ReleaseInput } from "../release.ts";
import { releaseInputToChain } from "../releaseInput.ts";
import { runWrite, type WriteClients, type WriteOptions, type WriteOutcome } from "../runWrite.ts";
import { decodePublishResult, type PublishResult } from "./publishRelease.ts";

/**
 * Publishes one or several releases by `publisher` from the wallet account, which must hold
 * a delegation in force from it (`publishFor`): the releases are the publisher's and record
 * the account as their signer. With the phases of publishRelease; rejects with
 * `contract-revert` before the wallet opens: ImageRegistryNotDelegate,
 * ImageRegistryDelegationRevoked, ImageRegistryDelegationExpired, ImageRegistryNameOutOfScope
 * (a name outside the delegation's prefix), and every rule of publish.
 */
export async function publishForRelease(
  clients: WriteClients,
  registryRef: RegistryRef,
  publisher: Address,
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
      "publishFor",
      () => [publisher, inputs.map(releaseInputToChain)] as const,
      decodePublishResult(clients.publicClient, registry),
    ),
    options,
    // "already published" is the publisher's, not the delegate's.
    { subject: "publisher" },
  );
}
