import type { Address } from "viem";
import { contractWriteSteps } from "../contractWriteSteps.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";
import { runWrite, type WriteClients, type WriteOptions, type WriteOutcome } from "../runWrite.ts";

export interface RevokeDelegateResult {
  delegate: Address;
}

/**
 * Revokes the wallet account's delegation of `delegate`: the key's releases, past and future,
 * stop counting. With the phases of publishRelease; rejects with `contract-revert` before the
 * wallet opens: ImageRegistryNotDelegate (never authorised), ImageRegistryDelegationRevoked
 * (revoked already).
 */
export async function revokeDelegate(
  clients: WriteClients,
  registryRef: RegistryRef,
  delegate: Address,
  options?: WriteOptions<RevokeDelegateResult>,
): Promise<WriteOutcome<RevokeDelegateResult>> {
  const registry = registryAddressOf(registryRef);
  return runWrite(
    clients,
    registry,
    contractWriteSteps(clients, registry, "revokeDelegate", [delegate], () => ({ delegate })),
    options,
  );
}
