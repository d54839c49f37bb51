import type { Address } from "viem";
import { readContract } from "viem/actions";
import { withAppErrors } from "../errors.ts";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import type { ReadClient } from "../readClient.ts";
import { readPage } from "../readPages.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";
import type { PageRequest, ReleasePage } from "../release.ts";

/**
 * One page of a publisher's releases under exactly `name` (byte for byte: normalize it first
 * with normalizeImageName if it came from a person), newest first, revoked ones included.
 */
export async function getNameHistory(
  client: ReadClient,
  registryRef: RegistryRef,
  publisher: Address,
  name: string,
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
            functionName: "releasesByName",
            args: [publisher, name, offset, limit],
          }),
        page,
      ),
    { registry, chainId: client.chain?.id },
  );
}
