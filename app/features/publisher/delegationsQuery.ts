import { queryOptions } from "@tanstack/react-query";
import type { Address } from "viem";
import { listDelegations } from "../../chain/actions/listDelegations.ts";
import { publicClientFor } from "../../chain/publicClient.ts";
import { LIST_STALE_MS, registryQueryKey } from "../../chain/queries/releaseQueries.ts";
import type { RegistryChain } from "../../config/chains.ts";

// Under the registry's key, so every write's refresh (registryQueryKey) re-reads them too.
export function delegationsQuery(registryChain: RegistryChain, publisher: Address) {
  return queryOptions({
    queryKey: [...registryQueryKey(registryChain), "delegations", publisher],
    queryFn: () => listDelegations(publicClientFor(registryChain), registryChain, publisher),
    staleTime: LIST_STALE_MS,
  });
}
