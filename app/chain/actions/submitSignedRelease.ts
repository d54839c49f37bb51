import { contractWriteSteps } from "../contractWriteSteps.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";
import { releaseInputToChain } from "../releaseInput.ts";
import { runWrite, type WriteClients, type WriteOptions, type WriteOutcome } from "../runWrite.ts";
import type { SignedRelease } from "../signedRelease.ts";
import { validateSignedRelease } from "../validateSignedRelease.ts";
import { decodePublishResult, type PublishResult } from "./publishRelease.ts";

/**
 * Submits a signed release with publishBySig from the wallet's account (which pays the gas;
 * the release is the publisher's, and records the signer when a delegate key signed it). The
 * document is checked first (validateSignedRelease), then the phases of publishRelease follow.
 */
export async function submitSignedRelease(
  clients: WriteClients,
  registryRef: RegistryRef,
  signed: SignedRelease,
  options?: WriteOptions<PublishResult>,
): Promise<WriteOutcome<PublishResult>> {
  const registry = registryAddressOf(registryRef);
  return runWrite(
    clients,
    registry,
    contractWriteSteps(
      clients,
      registry,
      "publishBySig",
      async (_account, blockNumber) => {
        // Replaying a reverted submission runs on the block it met: only the contract's word counts there.
        if (blockNumber === undefined) await validateSignedRelease(clients.publicClient, registry, signed);
        return [
          signed.publisher,
          signed.signer,
          releaseInputToChain(signed.release),
          signed.nonce,
          signed.deadline,
          signed.signature,
        ] as const;
      },
      decodePublishResult(clients.publicClient, registry),
    ),
    options,
    { subject: "publisher" },
  );
}
