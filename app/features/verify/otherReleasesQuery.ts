import { infiniteQueryOptions } from "@tanstack/react-query";
import { publicClientFor } from "../../chain/publicClient.ts";
import { LIST_STALE_MS, registryQueryKey } from "../../chain/queries/releaseQueries.ts";
import type { RegistryChain } from "../../config/chains.ts";
import type { Digest } from "../../image/digest.ts";
import { loadOtherReleases } from "../../verdict/otherReleases.ts";

/** Releases by anyone that name a digest, loaded a page of 10 at a time, only when asked. */
const OTHER_RELEASES_PAGE = 10;

export function otherReleasesQuery(registryChain: RegistryChain, digest: Digest) {
  return infiniteQueryOptions({
    queryKey: [...registryQueryKey(registryChain), "otherReleases", digest],
    queryFn: ({ pageParam }) =>
      loadOtherReleases(publicClientFor(registryChain), registryChain, digest, {
        offset: pageParam,
        limit: OTHER_RELEASES_PAGE,
      }),
    initialPageParam: 0,
    getNextPageParam: (last) =>
      last.offset + last.releases.length < last.total && last.releases.length > 0
        ? last.offset + last.releases.length
        : undefined,
    staleTime: LIST_STALE_MS,
  });
}
