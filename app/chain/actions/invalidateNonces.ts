import type { Hash } from "viem";
import { readContract, simulateContract, writeContract } from "viem/actions";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";
import { runWrite, type WriteClients, type WriteOptions, type WriteOutcome } from "../runWrite.ts";

export interface InvalidateNoncesResult {
  /** The account's nonce now: every signature made for a lower one is void. */
  nonce: bigint;
}

/**
 * Cancels every signed release the wallet account has outstanding: moves its signature nonce
 * to `nonce`, or, without one, to the current nonce + 1 (read when simulating, so the call
 * always moves it forward). Rejects with `contract-revert` ImageRegistryInvalidNonce before the
 * wallet opens when `nonce` is not ahead of the current one.
 */
export async function invalidateNonces(
  clients: WriteClients,
  registryRef: RegistryRef,
  nonce?: bigint,
  options?: WriteOptions<InvalidateNoncesResult>,
): Promise<WriteOutcome<InvalidateNoncesResult>> {
  const registry = registryAddressOf(registryRef);
  let target = nonce;
  return runWrite(
    clients,
    registry,
    {
      async simulate(account, blockNumber) {
        target ??=
          (await readContract(clients.publicClient, {
            address: registry,
            abi: imageRegistryAbi,
            functionName: "nonces",
            args: [account.address],
            blockNumber,
          })) + 1n;
        const { request } = await simulateContract(clients.publicClient, {
          address: registry,
          abi: imageRegistryAbi,
          functionName: "invalidateNonces",
          args: [target],
          account,
          blockNumber,
        });
        return (): Promise<Hash> =>
          writeContract(clients.walletClient, { ...request, chain: clients.publicClient.chain });
      },
      decode: () => ({ nonce: target as bigint }),
    },
    options,
  );
}
