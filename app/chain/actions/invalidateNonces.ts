import { parseEventLogs } from "viem";
import { readContract } from "viem/actions";
import { contractWriteSteps } from "../contractWriteSteps.ts";
import { MissingLogError } from "../errors.ts";
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
  // Read once: a replay of a reverted call asks about the nonce that was sent.
  let target = nonce;
  return runWrite(
    clients,
    registry,
    contractWriteSteps(
      clients,
      registry,
      "invalidateNonces",
      async (account, blockNumber) => {
        target ??=
          (await readContract(clients.publicClient, {
            address: registry,
            abi: imageRegistryAbi,
            functionName: "nonces",
            args: [account.address],
            blockNumber,
          })) + 1n;
        return [target] as const;
      },
      (receipt) => {
        const [log] = parseEventLogs({
          abi: imageRegistryAbi,
          eventName: "NoncesInvalidated",
          logs: receipt.logs.filter((entry) => entry.address.toLowerCase() === registry.toLowerCase()),
        });
        if (log === undefined)
          throw new MissingLogError(`NoncesInvalidated log in transaction ${receipt.transactionHash}`);
        return { nonce: log.args.nonce };
      },
    ),
    options,
  );
}
