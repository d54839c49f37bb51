import type { Address, Hash } from "viem";
import { simulateContract, writeContract } from "viem/actions";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
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
    {
      async simulate(account, blockNumber) {
        const { request } = await simulateContract(clients.publicClient, {
          address: registry,
          abi: imageRegistryAbi,
          functionName: "revokeDelegate",
          args: [delegate],
          account,
          blockNumber,
        });
        return (): Promise<Hash> =>
          writeContract(clients.walletClient, { ...request, chain: clients.publicClient.chain });
      },
      decode: () => ({ delegate }),
    },
    options,
  );
}
