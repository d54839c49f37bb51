import type { Hash } from "viem";
import { simulateContract, writeContract } from "viem/actions";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
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
    {
      async simulate(account, blockNumber) {
        const { request } = await simulateContract(clients.publicClient, {
          address: registry,
          abi: imageRegistryAbi,
          functionName: "withdrawClaim",
          args: [BigInt(index)],
          account,
          blockNumber,
        });
        return (): Promise<Hash> =>
          writeContract(clients.walletClient, { ...request, chain: clients.publicClient.chain });
      },
      decode: () => ({ index }),
    },
    options,
  );
}
