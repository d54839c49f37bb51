import { queryOptions } from "@tanstack/react-query";
import { getDelegation } from "../../chain/actions/getDelegation.ts";
import { publicClientFor } from "../../chain/publicClient.ts";
import { registryQueryKey } from "../../chain/queries/releaseQueries.ts";
import type { Release } from "../../chain/release.ts";
import type { RegistryChain } from "../../config/chains.ts";

/** The delegation a delegated release was published under, as it stands now (it says why the release may no longer count). */
export function releaseDelegationQuery(registryChain: RegistryChain, release: Release) {
  return queryOptions({
    queryKey: [...registryQueryKey(registryChain), "delegation", release.publisher, release.signer],
    queryFn: () =>
      release.signer === null
        ? null
        : getDelegation(publicClientFor(registryChain), registryChain, release.publisher, release.signer),
    enabled: release.signer !== null,
    staleTime: 30_000,
  });
}
