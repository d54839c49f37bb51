import { queryOptions, useQuery } from "@tanstack/react-query";
import { readRegistryInfo } from "../../chain/actions/readRegistryInfo.ts";
import { publicClientFor } from "../../chain/publicClient.ts";
import type { RegistryChain } from "../../config/chains.ts";

function registryInfoQuery(registryChain: RegistryChain) {
  return queryOptions({
    queryKey: ["registryInfo", registryChain.chain.id, registryChain.registry],
    queryFn: () => readRegistryInfo(publicClientFor(registryChain), registryChain.registry),
    // The deployment does not change while the page is open.
    staleTime: Infinity,
  });
}

export function useRegistryStatus(registryChain: RegistryChain) {
  return useQuery(registryInfoQuery(registryChain));
}
