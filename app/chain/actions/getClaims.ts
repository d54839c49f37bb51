import type { Address } from "viem";
import { readContract } from "viem/actions";
import { withAppErrors } from "../errors.ts";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import type { ReadClient } from "../readClient.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";

/** One claim location a publisher recorded, as the contract holds it now. */
export interface RecordedClaim {
  /** Its position in the publisher's list (what withdrawClaim takes). */
  index: number;
  /** As the publisher wrote it; the contract does not parse it (app/claims does). */
  location: string;
  /** Unix seconds of the block that recorded it. */
  addedAt: number;
  /** Unix seconds of the withdrawal; null when not withdrawn. */
  withdrawnAt: number | null;
}

/** Every claim `publisher` recorded, in order, withdrawn ones included: one call (the contract keeps at most 32). */
export async function getClaims(
  client: ReadClient,
  registryRef: RegistryRef,
  publisher: Address,
): Promise<RecordedClaim[]> {
  const registry = registryAddressOf(registryRef);
  return withAppErrors(
    async () => {
      const claims = await readContract(client, {
        address: registry,
        abi: imageRegistryAbi,
        functionName: "claimsOf",
        args: [publisher],
      });
      return claims.map((claim, index) => ({
        index,
        location: claim.location,
        addedAt: Number(claim.addedAt),
        withdrawnAt: claim.withdrawnAt === 0n ? null : Number(claim.withdrawnAt),
      }));
    },
    { registry, chainId: client.chain?.id },
  );
}
