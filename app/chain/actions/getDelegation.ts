import type { Address } from "viem";
import { readContract } from "viem/actions";
import { withAppErrors } from "../errors.ts";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import type { ReadClient } from "../readClient.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";

/** A publisher's authorisation of a delegate key, as the contract holds it now. */
export interface Delegation {
  publisher: Address;
  delegate: Address;
  /** The delegate may publish only names starting with these bytes ("" = every name). */
  namePrefix: string;
  /** The grant's block: the delegate's releases from earlier blocks do not count. */
  since: bigint;
  /** Unix seconds: the last block timestamp at which it is in force. */
  expiresAt: number;
  /** Unix seconds of the revocation; null when not revoked. */
  revokedAt: number | null;
  /** In force at the block read: granted, not revoked, not expired. */
  active: boolean;
}

/** The publisher's delegation of `delegate`; null when it never granted one. */
export async function getDelegation(
  client: ReadClient,
  registryRef: RegistryRef,
  publisher: Address,
  delegate: Address,
): Promise<Delegation | null> {
  const registry = registryAddressOf(registryRef);
  return withAppErrors(
    async () => {
      const record = await readContract(client, {
        address: registry,
        abi: imageRegistryAbi,
        functionName: "delegation",
        args: [publisher, delegate],
      });
      if (record.expiresAt === 0n) return null;
      return {
        publisher,
        delegate,
        namePrefix: record.namePrefix,
        since: record.since,
        expiresAt: Number(record.expiresAt),
        revokedAt: record.revokedAt === 0n ? null : Number(record.revokedAt),
        active: record.active,
      };
    },
    { registry, chainId: client.chain?.id },
  );
}
