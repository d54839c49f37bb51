// react-query options for every registry read, keyed by chain and registry. Releases are
// append-only, but revocations and new releases land, so lists refresh after a minute;
// a release's name and digests never change.
import { queryOptions } from "@tanstack/react-query";
import type { Address } from "viem";
import type { RegistryChain } from "../../config/chains.ts";
import type { Digest } from "../../image/digest.ts";
import { getDelegation } from "../actions/getDelegation.ts";
import { getNameHistory } from "../actions/getNameHistory.ts";
import { getRelease } from "../actions/getRelease.ts";
import { getReleasesByDigestPage } from "../actions/getReleasesByDigestPage.ts";
import { getReleasesByPublisher } from "../actions/getReleasesByPublisher.ts";
import { getRevocation } from "../actions/getRevocation.ts";
import { publicClientFor } from "../publicClient.ts";
import { pageBounds } from "../readPages.ts";
import type { PageRequest, Release } from "../release.ts";

/** How long a list of releases (or of anything else a new transaction can add to) counts as fresh. */
export const LIST_STALE_MS = 60_000;

function base(registryChain: RegistryChain) {
  return ["registry", registryChain.chain.id, registryChain.registry] as const;
}

export function releaseQuery(registryChain: RegistryChain, id: bigint) {
  return queryOptions({
    queryKey: [...base(registryChain), "release", id.toString()],
    queryFn: () => getRelease(publicClientFor(registryChain), registryChain, id),
    staleTime: LIST_STALE_MS,
  });
}

/**
 * One page of the releases, by anyone, that name the digest. Anyone can add to that list, so it
 * is read a page at a time (the page says the total: "and 1,234 more"), never all of it.
 */
export function releasesByDigestQuery(registryChain: RegistryChain, digest: Digest, page: PageRequest = {}) {
  const { offset, limit } = pageBounds(page);
  return queryOptions({
    queryKey: [...base(registryChain), "byDigest", digest, offset, limit],
    queryFn: () => getReleasesByDigestPage(publicClientFor(registryChain), registryChain, digest, { offset, limit }),
    staleTime: LIST_STALE_MS,
  });
}

/** The publisher's delegation of `delegate` (null when none was ever granted). */
export function delegationQuery(registryChain: RegistryChain, publisher: Address, delegate: Address) {
  return queryOptions({
    queryKey: [...base(registryChain), "delegation", publisher, delegate],
    queryFn: () => getDelegation(publicClientFor(registryChain), registryChain, publisher, delegate),
    // A delegation is renewed, revoked or expires: as fresh as the lists.
    staleTime: LIST_STALE_MS,
  });
}

export function releasesByPublisherQuery(
  registryChain: RegistryChain,
  publisher: Address,
  offset: number,
  limit: number,
) {
  return queryOptions({
    queryKey: [...base(registryChain), "byPublisher", publisher, offset, limit],
    queryFn: () => getReleasesByPublisher(publicClientFor(registryChain), registryChain, publisher, { offset, limit }),
    staleTime: LIST_STALE_MS,
  });
}

export function nameHistoryQuery(registryChain: RegistryChain, publisher: Address, name: string) {
  return queryOptions({
    queryKey: [...base(registryChain), "nameHistory", publisher, name],
    queryFn: () => getNameHistory(publicClientFor(registryChain), registryChain, publisher, name, { limit: 100 }),
    staleTime: LIST_STALE_MS,
  });
}

export function revocationQuery(registryChain: RegistryChain, release: Release) {
  return queryOptions({
    queryKey: [...base(registryChain), "revocation", release.id.toString(), release.revokedAt],
    queryFn: () => getRevocation(publicClientFor(registryChain), registryChain, release),
    // A revocation never changes once made.
    staleTime: Infinity,
  });
}

/** Every query about this registry, to refresh after a write. */
export function registryQueryKey(registryChain: RegistryChain) {
  return base(registryChain);
}
