import type { Address } from "viem";
import { readContract } from "viem/actions";
import { withAppErrors } from "../errors.ts";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import { hydrateReleases } from "../hydrateReleases.ts";
import type { ReadClient } from "../readClient.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";
import type { Release } from "../release.ts";

/** The publisher's newest release under exactly `name` that is not revoked; null when there is none. */
export async function getLatestValidRelease(
  client: ReadClient,
  registryRef: RegistryRef,
  publisher: Address,
  name: string,
): Promise<Release | null> {
  const registry = registryAddressOf(registryRef);
  return withAppErrors(
    async () => {
      const [found, record] = await readContract(client, {
        address: registry,
        abi: imageRegistryAbi,
        functionName: "latestValidRelease",
        args: [publisher, name],
      });
      if (!found) return null;
      const [release] = await hydrateReleases(client, registry, [record]);
      return release ?? null;
    },
    { registry, chainId: client.chain?.id },
  );
}
