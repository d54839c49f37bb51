import { queryOptions } from "@tanstack/react-query";
import type { Address } from "viem";
import type { RegistryChain } from "../../config/chains.ts";
import { lookupEnsName } from "../actions/lookupEnsName.ts";
import { publicClientFor } from "../publicClient.ts";

export function ensNameQuery(registryChain: RegistryChain, address: Address) {
  return queryOptions({
    queryKey: ["ens", registryChain.chain.id, address],
    queryFn: () => lookupEnsName(publicClientFor(registryChain), address),
    staleTime: 10 * 60_000,
    retry: false,
  });
}
