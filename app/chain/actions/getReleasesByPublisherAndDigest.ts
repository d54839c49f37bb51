import type { Address } from "viem";
import { readContract } from "viem/actions";
import type { Digest } from "../../image/digest.ts";
import { digestToBytes32 } from "../digests.ts";
import { withAppErrors } from "../errors.ts";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import type { ReadClient } from "../readClient.ts";
import { readAllPages } from "../readPages.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";
import type { Release } from "../release.ts";

/**
 * Every release of `publisher` that names the digest in any role, newest first, revoked and
 * delegated ones included. The contract answers it from the publisher's own list, so the calls
 * it takes do not grow with other addresses' releases of the digest: one per 100 of the
 * publisher's own (in practice one).
 */
export async function getReleasesByPublisherAndDigest(
  client: ReadClient,
  registryRef: RegistryRef,
  publisher: Address,
  digest: Digest,
): Promise<Release[]> {
  const registry = registryAddressOf(registryRef);
  return withAppErrors(
    async () => {
      const bytes32 = digestToBytes32(digest);
      return readAllPages(client, registry, (offset, limit) =>
        readContract(client, {
          address: registry,
          abi: imageRegistryAbi,
          functionName: "releasesByPublisherAndDigest",
          args: [publisher, bytes32, offset, limit],
        }),
      );
    },
    { registry, chainId: client.chain?.id },
  );
}
