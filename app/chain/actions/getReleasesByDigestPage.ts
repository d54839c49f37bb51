import { readContract } from "viem/actions";
import type { Digest } from "../../image/digest.ts";
import { digestToBytes32 } from "../digests.ts";
import { withAppErrors } from "../errors.ts";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import type { ReadClient } from "../readClient.ts";
import { readPage } from "../readPages.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";
import type { PageRequest, ReleasePage } from "../release.ts";

/**
 * One page of the releases, by anyone, that name the digest in any role, newest first, with the
 * list's total. Anyone can add to this list, so a verification reads it a page at a time on
 * demand and never all of it (see app/verdict/gatherEvidence.ts).
 */
export async function getReleasesByDigestPage(
  client: ReadClient,
  registryRef: RegistryRef,
  digest: Digest,
  page?: PageRequest,
): Promise<ReleasePage> {
  const registry = registryAddressOf(registryRef);
  return withAppErrors(
    () =>
      readPage(
        client,
        registry,
        (offset, limit) =>
          readContract(client, {
            address: registry,
            abi: imageRegistryAbi,
            functionName: "releasesByDigest",
            args: [digestToBytes32(digest), offset, limit],
          }),
        page,
      ),
    { registry, chainId: client.chain?.id },
  );
}
