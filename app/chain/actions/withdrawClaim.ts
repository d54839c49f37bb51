import { contractWriteSteps } from "../contractWriteSteps.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";
import { runWrite, type WriteClients, type WriteOptions, type WriteOutcome } from "../runWrite.ts";

export interface WithdrawClaimResult {
  index: number;
}

/**
 * Withdraws the wallet account's claim at `index` (it stays listed, with its withdrawal time,
 * and verifiers stop reading it), with the phases of publishRelease. Rejects with
 * `contract-revert` before the wallet opens: ImageRegistryClaimNotFound (no such index in the
 * account's own list), ImageRegistryClaimAlreadyWithdrawn.
 */
export async function withdrawClaim(
  clients: WriteClients,
  registryRef: RegistryRef,
  index: number,
  options?: WriteOptions<WithdrawClaimResult>,
): Promise<WriteOutcome<WithdrawClaimResult>> {
  const registry = registryAddressOf(registryRef);
  return runWrite(
    clients,
    registry,
    contractWriteSteps(clients, registry, "withdrawClaim", [BigInt(index)], () => ({ index })),
    options,
  );
}
