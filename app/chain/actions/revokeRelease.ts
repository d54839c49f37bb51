import type { Hash } from "viem";
import { simulateContract, writeContract } from "viem/actions";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
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
    {
      async simulate(account, blockNumber) {
        const { request } = await simulateContract(clients.publicClient, {
          address: registry,
          abi: imageRegistryAbi,
          functionName: "revoke",
          args: [id, reason],
          account,
          blockNumber,
        });
        return (): Promise<Hash> =>
          writeContract(clients.walletClient, { ...request, chain: clients.publicClient.chain });
      },
      decode: () => ({ releaseId: id, reason }),
    },
    options,
  );
}
