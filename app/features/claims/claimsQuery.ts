// A publisher's claims with their live checks. Checked when asked and kept a short while:
// "checked now" must stay true of what the page shows.
import { queryOptions } from "@tanstack/react-query";
import type { Address } from "viem";
import { getClaims } from "../../chain/actions/getClaims.ts";
import { publicClientFor } from "../../chain/publicClient.ts";
import { registryQueryKey } from "../../chain/queries/releaseQueries.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { claimCheckerFor } from "./claimChecker.ts";

export function claimChecksQuery(registryChain: RegistryChain, publisher: Address) {
  return queryOptions({
    queryKey: [...registryQueryKey(registryChain), "claim-checks", publisher],
    queryFn: () => claimCheckerFor(registryChain)(publisher),
    staleTime: 30_000,
  });
}

/** The claims as recorded (with their indexes, withdrawn ones included): what the owner withdraws by. */
export function recordedClaimsQuery(registryChain: RegistryChain, publisher: Address) {
  return queryOptions({
    queryKey: [...registryQueryKey(registryChain), "claims", publisher],
    queryFn: () => getClaims(publicClientFor(registryChain), registryChain, publisher),
  });
}
