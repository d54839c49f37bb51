import { type Address, getAddress, parseEventLogs } from "viem";
import { contractWriteSteps } from "../contractWriteSteps.ts";
import { MissingLogError } from "../errors.ts";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";
import { runWrite, type WriteClients, type WriteOptions, type WriteOutcome } from "../runWrite.ts";

export interface AuthorizeDelegateResult {
  delegate: Address;
  namePrefix: string;
  /** Unix seconds: the last block timestamp at which the delegation is in force. */
  expiresAt: number;
  /** The grant's block, from the `DelegateAuthorized` log (kept from the earlier grant on a renewal). */
  since: bigint;
}

/**
 * Authorises (or renews) `delegate` to publish names starting with `namePrefix` on the wallet
 * account's behalf until `expiresAt` (unix seconds), with the phases of publishRelease.
 * Rejects with `contract-revert` before the wallet opens: ImageRegistryInvalidDelegate (zero or
 * the account itself), ImageRegistryInvalidExpiry (not after the head, or past 2^32), a prefix
 * the name rules refuse.
 */
export async function authorizeDelegate(
  clients: WriteClients,
  registryRef: RegistryRef,
  delegate: Address,
  namePrefix: string,
  expiresAt: number,
  options?: WriteOptions<AuthorizeDelegateResult>,
): Promise<WriteOutcome<AuthorizeDelegateResult>> {
  const registry = registryAddressOf(registryRef);
  return runWrite(
    clients,
    registry,
    contractWriteSteps(clients, registry, "authorizeDelegate", [delegate, namePrefix, BigInt(expiresAt)], (receipt) => {
      const [log] = parseEventLogs({
        abi: imageRegistryAbi,
        eventName: "DelegateAuthorized",
        logs: receipt.logs.filter((entry) => entry.address.toLowerCase() === registry.toLowerCase()),
      });
      if (log === undefined)
        throw new MissingLogError(`DelegateAuthorized log in transaction ${receipt.transactionHash}`);
      return {
        delegate: getAddress(log.args.delegate),
        namePrefix: log.args.namePrefix,
        expiresAt: Number(log.args.expiresAt),
        since: log.args.since,
      };
    }),
    options,
  );
}
