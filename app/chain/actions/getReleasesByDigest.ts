import { readContract } from "viem/actions";
import type { Digest } from "../../image/digest.ts";
import { digestToBytes32 } from "../digests.ts";
import { withAppErrors } from "../errors.ts";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import { readAllPages } from "../readPages.ts";
import { registryAddressOf, type RegistryRef } from "../registryRef.ts";
import type { Release } from "../release.ts";
import type { ReadClient } from "../readClient.ts";

/**
 * Every release that names the digest in any role (imageId, manifestDigest, indexDigest or
 * archiveDigest), newest first, revoked ones included: all pages.
 */
export async function getReleasesByDigest(client: ReadClient, registryRef: RegistryRef, digest: Digest): Promise<Release[]> {
  const registry = registryAddressOf(registryRef);
  return withAppErrors(async () => {
    const bytes32 = digestToBytes32(digest);
    return readAllPages(client, registry, (offset, limit) =>
      readContract(client, { address: registry, abi: imageRegistryAbi, functionName: "releasesByDigest", args: [bytes32, offset, limit] }),
    );
  }, { registry, chainId: client.chain?.id });
}
