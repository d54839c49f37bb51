import { readContract } from "viem/actions";
import { withAppErrors } from "../errors.ts";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import { hydrateReleases } from "../hydrateReleases.ts";
import type { ReadClient } from "../readClient.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";
import type { Release } from "../release.ts";

/** One release by id. Rejects with a `contract-revert` AppError (ImageRegistryUnknownRelease) when there is none. */
export async function getRelease(client: ReadClient, registryRef: RegistryRef, id: bigint): Promise<Release> {
  const registry = registryAddressOf(registryRef);
  return withAppErrors(
    async () => {
      const record = await readContract(client, {
        address: registry,
        abi: imageRegistryAbi,
        functionName: "getRelease",
        args: [id],
      });
      const [release] = await hydrateReleases(client, registry, [record]);
      return release as Release;
    },
    { registry, chainId: client.chain?.id },
  );
}
