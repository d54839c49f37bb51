import { queryOptions } from "@tanstack/react-query";
import { findNameClaims } from "../../chain/actions/findNameClaims.ts";
import { publicClientFor } from "../../chain/publicClient.ts";
import { LIST_STALE_MS, registryQueryKey } from "../../chain/queries/releaseQueries.ts";
import type { ScanOptions } from "../../chain/scanRanges.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { nameSpellings } from "../../verdict/normalizeImageName.ts";

export type ScanProgress = Parameters<NonNullable<ScanOptions["onProgress"]>>[0];

/**
 * Every publisher of a name, from the registry's `Published` logs (all of them, from its
 * deployment block). Docker reads `nginx` and `docker.io/library/nginx:latest` as one name, so
 * every common spelling is scanned, as a verification does. `onProgress` is not part of the key:
 * it only reports how far the scan got.
 */
export function nameClaimsQuery(
  registryChain: RegistryChain,
  name: string,
  onProgress?: (progress: ScanProgress) => void,
) {
  return queryOptions({
    queryKey: [...registryQueryKey(registryChain), "nameClaims", name],
    queryFn: ({ signal }) =>
      findNameClaims(publicClientFor(registryChain), registryChain, nameSpellings(name), { signal, onProgress }),
    // New releases of the name land at any time: as fresh as the other lists.
    staleTime: LIST_STALE_MS,
  });
}
