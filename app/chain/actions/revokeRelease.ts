import { contractWriteSteps } from "../contractWriteSteps.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";
import { runWrite, type WriteClients, type WriteOptions, type WriteOutcome } from "../runWrite.ts";

export interface RevokeResult {
  releaseId: bigint;
  reason: string;
}

/**
 * Revokes one of the wallet account's releases, with the phases of publishRelease. The
 * contract also moves the publisher's nonce on, voiding every signed release it has
 * outstanding (a signed file of the revoked content cannot bring it back). Rejects
 * with `contract-revert` (ImageRegistryNotPublisher, ImageRegistryAlreadyRevoked,
 * ImageRegistryUnknownRelease) before the wallet opens.
 */
export async function revokeRelease(
  clients: WriteClients,
  registryRef: RegistryRef,
  id: bigint,
  reason: string,
  options?: WriteOptions<RevokeResult>,
): Promise<WriteOutcome<RevokeResult>> {
  const registry = registryAddressOf(registryRef);
  return runWrite(
    clients,
    registry,
    contractWriteSteps(clients, registry, "revoke", [id, reason], () => ({ releaseId: id, reason })),
    options,
  );
}
