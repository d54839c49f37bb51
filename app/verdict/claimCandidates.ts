// Whose control claims a verification checks, and which of their claims. A claim's location is
// the publisher's choice, and fetching it tells that host who is verifying what: so a stranger's
// claims are fetched only where the user already looks — a claim covering the repository of
// one of its releases under a scope the user trusts (the registry the user named) — and never
// otherwise. The publishers the user trusts have every claim checked (who they are). Each check
// costs a chain read and fetches, so they are capped: scoped strangers first (a proven claim can
// make them trusted), then trusted publishers.
import { type Address, isAddressEqual } from "viem";
import type { Release } from "../chain/release.ts";
import type { ClaimCheck, ClaimLocation } from "../claims/claimCheck.ts";
import { claimCovers, repositoryOf } from "../claims/scope.ts";
import { matchedKinds, type VerdictTarget } from "./targets.ts";
import { namespacesFor, type Trust, trustedPublishers } from "./trust.ts";

/**
 * Checks the claims a publisher recorded on chain (each read from its registry or domain now),
 * only those `only` accepts when it is given; never rejects for a claim that does not check out.
 */
export type ClaimChecker = (publisher: Address, only?: (location: ClaimLocation) => boolean) => Promise<ClaimCheck[]>;

interface ClaimCandidate {
  publisher: Address;
  /** Which of its claims to fetch; undefined: all (a publisher the user trusts). */
  only?: (location: ClaimLocation) => boolean;
}

/** At most this many publishers' claims are checked in one verification. */
const MAX_CLAIM_PUBLISHERS = 10;

export function claimCandidates(
  trust: Trust,
  releases: readonly Release[],
  targets: readonly VerdictTarget[],
): ClaimCandidate[] {
  const matching = releases.filter((release) => targets.some((target) => matchedKinds(target, release).length > 0));
  const trusted = trustedPublishers(trust);
  const isTrusted = (publisher: Address) => trusted.some((p) => isAddressEqual(p, publisher));
  // A stranger's repositories under a trusted scope: the only places its claims are fetched from.
  const scoped = new Map<string, { publisher: Address; repositories: Set<string> }>();
  for (const release of matching) {
    const repository = repositoryOf(release.name)?.repository;
    if (isTrusted(release.publisher) || repository === undefined || namespacesFor(trust, release.name).length === 0)
      continue;
    const key = release.publisher.toLowerCase();
    const entry = scoped.get(key) ?? { publisher: release.publisher, repositories: new Set<string>() };
    entry.repositories.add(repository);
    scoped.set(key, entry);
  }
  const strangers: ClaimCandidate[] = [...scoped.values()].map(({ publisher, repositories }) => ({
    publisher,
    only: (location) => [...repositories].some((repository) => claimCovers(location, repository)),
  }));
  const trustedBehind = matching.map((release) => release.publisher).filter(isTrusted);
  const known = trustedBehind.filter(
    (address, index) => trustedBehind.findIndex((other) => isAddressEqual(other, address)) === index,
  );
  return [...strangers, ...known.map((publisher) => ({ publisher }))].slice(0, MAX_CLAIM_PUBLISHERS);
}
