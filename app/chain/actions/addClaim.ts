import { parseEventLogs } from "viem";
import { contractWriteSteps } from "../contractWriteSteps.ts";
import { MissingLogError } from "../errors.ts";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";
import { runWrite, type WriteClients, type WriteOptions, type WriteOutcome } from "../runWrite.ts";

export interface AddClaimResult {
  /** The claim's position in the account's list (what withdrawClaim takes). */
  index: number;
  location: string;
}

/**
 * Records a claim location of the wallet account on chain, with the phases of publishRelease.
 * The contract does not parse the location: pass one app/claims' parseClaimLocation accepted
 * (its `location`, the canonical spelling), or verifiers will read the claim as malformed.
 * Rejects with `contract-revert` before the wallet opens: ImageRegistryClaimLocationInvalid
 * (empty or over 256 bytes), ImageRegistryTooManyClaims (32 recorded, withdrawn ones included).
 */
export async function addClaim(
  clients: WriteClients,
  registryRef: RegistryRef,
  location: string,
  options?: WriteOptions<AddClaimResult>,
): Promise<WriteOutcome<AddClaimResult>> {
  const registry = registryAddressOf(registryRef);
  return runWrite(
    clients,
    registry,
    contractWriteSteps(clients, registry, "addClaim", [location], (receipt) => {
      const logs = receipt.logs.filter((entry) => entry.address.toLowerCase() === registry.toLowerCase());
      const [log] = parseEventLogs({ abi: imageRegistryAbi, eventName: "ClaimAdded", logs });
      if (log === undefined) throw new MissingLogError(`ClaimAdded log in transaction ${receipt.transactionHash}`);
      return { index: Number(log.args.index), location: log.args.location };
    }),
    options,
  );
}
