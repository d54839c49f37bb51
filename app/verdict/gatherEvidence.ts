// Reads from the chain everything decideVerdict needs, and nothing more, in a number of calls
// that does not grow with what strangers publish (anyone can name any digest):
//   1. per digest of the archive, only how many releases name it (one call, no entries);
//   2. per (trusted publisher, digest), that publisher's releases naming it (the contract
//      answers from the publisher's own list), hydrated: the trusted releases only;
//   3. only for a target that no trusted publisher's release names (its word then depends on
//      strangers: UNTRUSTED or UNKNOWN), the newest page (10) of each of its digests' releases;
//   4. the trusted publishers' current releases of the names involved, why trusted releases
//      were revoked, the grants behind void delegated ones, and (unless turned off) every
//      publisher of those names (the log scan: one query per chunk of blocks; a chunk holding
//      more releases of the names than the RPC answers at once is reported as a gap, not split,
//      so the queries depend on the chain's length, not on how many flooded a name).
//   5. with a claim checker: the control claims of the trusted publishers behind matching
//      releases, and of strangers only those covering their releases' repositories under a
//      scope the user trusts (capped, claimCandidates.ts), each checked now; a publisher whose
//      proven claim covers such a repository is then read like a trusted one.
// Other publishers' releases are counted, not read: loadOtherReleases lists them on demand.
import type { Address } from "viem";
import { getBlockNumber } from "viem/actions";
import { type FindNameClaimsOptions, findNameClaims } from "../chain/actions/findNameClaims.ts";
import { getDelegation } from "../chain/actions/getDelegation.ts";
import { getLatestValidRelease } from "../chain/actions/getLatestValidRelease.ts";
import { getReleasesByDigestPage } from "../chain/actions/getReleasesByDigestPage.ts";
import { getReleasesByPublisherAndDigest } from "../chain/actions/getReleasesByPublisherAndDigest.ts";
import { getRevocation } from "../chain/actions/getRevocation.ts";
import { chainIdOf } from "../chain/chainIdOf.ts";
import { withAppErrors } from "../chain/errors.ts";
import { mapLimit, RPC_CONCURRENCY } from "../chain/mapLimit.ts";
import type { ReadClient } from "../chain/readClient.ts";
import { type RegistryRef, registryAddressOf } from "../chain/registryRef.ts";
import type { Release } from "../chain/release.ts";
import { isProven } from "../claims/claimCheck.ts";
import type { ArchiveReport } from "../image/report.ts";
import { type ClaimChecker, claimCandidates } from "./claimCandidates.ts";
import { classifyReleases } from "./classifyReleases.ts";
import { readDigestTotals } from "./digestTotals.ts";
import { nameSpellings } from "./normalizeImageName.ts";
import { digestsOf, matchedKinds, targetsOf } from "./targets.ts";
import { publishersTrustedFor, type Trust, trustedPublishers, withControllers } from "./trust.ts";
import type { ChainEvidence } from "./verdict.ts";

export interface GatherEvidenceInput {
  client: ReadClient;
  /** A RegistryChain (from app/config) lets the name scan start at the deployment block. */
  registry: RegistryRef;
  report: ArchiveReport;
  trust: Trust;
  requestedName?: string | null;
  /** Scan the logs for every publisher of the names involved (default true; the slowest step on a long chain). */
  scanNames?: boolean;
  scanOptions?: FindNameClaimsOptions;
  /** Checks publishers' control claims (app/claims); without it no claim is read and `trust.namespaces` grants nothing. */
  claimChecker?: ClaimChecker;
}

/** Publishers whose claims are checked at once (each check fetches from registries and domains). */
const CLAIM_CONCURRENCY = 4;

/** Revocation reasons (and lapsed delegations) are looked up for at most this many trusted releases. */
const MAX_REVOCATIONS = 10;
/** Strangers' releases read per digest when no trusted release names a target; the rest are counted. */
export const OTHERS_FIRST_PAGE = 10;

export async function gatherEvidence(input: GatherEvidenceInput): Promise<ChainEvidence> {
  const { client, report } = input;
  const userTrust = input.trust;
  const checkClaims = input.claimChecker;
  const scoped = checkClaims !== undefined && (userTrust.namespaces ?? []).length > 0;
  const registry = registryAddressOf(input.registry);
  const requestedName = input.requestedName ?? null;
  const targets = targetsOf(report);
  const digests = [...new Set(targets.flatMap(digestsOf))];
  const pairs = trustedPublishers(userTrust).flatMap((publisher) => digests.map((digest) => ({ publisher, digest })));

  const [[chainId, blockNumber], digestTotals, trustedLists] = await Promise.all([
    withAppErrors(() => Promise.all([chainIdOf(client), getBlockNumber(client, { cacheTime: 0 })]), { registry }),
    readDigestTotals(client, input.registry, digests),
    mapLimit(pairs, RPC_CONCURRENCY, ({ publisher, digest }) =>
      getReleasesByPublisherAndDigest(client, input.registry, publisher, digest),
    ),
  ]);
  const byId = new Map<bigint, Release>();
  for (const release of trustedLists.flat()) byId.set(release.id, release);

  // A target no trusted publisher's release names: its word depends on strangers, so read the
  // newest page. With trusted scopes, every target's: a proven controller's release may decide it.
  const trustedReleases = [...byId.values()];
  const unnamed = scoped
    ? targets
    : targets.filter((target) => !trustedReleases.some((release) => matchedKinds(target, release).length > 0));
  const totals = new Map(digestTotals.map((t) => [t.digest, t.total]));
  const firstPages = [...new Set(unnamed.flatMap(digestsOf))].filter((digest) => (totals.get(digest) ?? 0) > 0);
  const pages = await mapLimit(firstPages, RPC_CONCURRENCY, (digest) =>
    getReleasesByDigestPage(client, input.registry, digest, { limit: OTHERS_FIRST_PAGE }),
  );
  for (const page of pages)
    for (const release of page.releases) if (!byId.has(release.id)) byId.set(release.id, release);

  // Claims: checked now, never cached. A publisher they make trusted is read like a trusted one.
  const candidates = checkClaims === undefined ? [] : claimCandidates(userTrust, [...byId.values()], targets);
  const claims =
    checkClaims === undefined
      ? []
      : (await mapLimit(candidates, CLAIM_CONCURRENCY, ({ publisher, only }) => checkClaims(publisher, only))).flat();
  const trust = withControllers(userTrust, claims.filter(isProven));
  const known = new Set(pairs.map(({ publisher }) => publisher.toLowerCase()));
  const controllerPairs = trustedPublishers(trust)
    .filter((publisher) => !known.has(publisher.toLowerCase()))
    .flatMap((publisher) => digests.map((digest) => ({ publisher, digest })));
  const controllerLists = await mapLimit(controllerPairs, RPC_CONCURRENCY, ({ publisher, digest }) =>
    getReleasesByPublisherAndDigest(client, input.registry, publisher, digest),
  );
  for (const release of controllerLists.flat()) byId.set(release.id, release);
  const releases = [...byId.values()];

  const lookups = new Map<string, { publisher: Address; name: string }>();
  const look = (publisher: Address, name: string) =>
    lookups.set(`${publisher.toLowerCase()} ${name}`, { publisher, name });
  const revoked = new Map<bigint, Release>();
  const lapsed = new Map<string, { publisher: Address; signer: Address }>();
  const names = new Set<string>(requestedName === null ? [] : nameSpellings(requestedName));
  for (const target of targets) {
    const c = classifyReleases(target, releases, trust, requestedName);
    for (const { release } of [...c.trustedValid.slice(0, 1), ...c.trustedInvalid])
      look(release.publisher, release.name);
    for (const { release } of c.trustedInvalid) {
      if (release.revokedAt !== null) revoked.set(release.id, release);
      else if (release.signer !== null)
        lapsed.set(`${release.publisher.toLowerCase()} ${release.signer.toLowerCase()}`, {
          publisher: release.publisher,
          signer: release.signer,
        });
    }
  }
  for (const release of releases)
    if (targets.some((t) => matchedKinds(t, release).length > 0))
      for (const name of nameSpellings(release.name)) names.add(name);
  if (requestedName !== null)
    for (const publisher of publishersTrustedFor(trust, requestedName))
      for (const name of nameSpellings(requestedName)) look(publisher, name);

  const [latest, revocations, delegations, nameClaims] = await Promise.all([
    mapLimit([...lookups.values()], RPC_CONCURRENCY, async ({ publisher, name }) => ({
      publisher,
      name,
      release: await getLatestValidRelease(client, input.registry, publisher, name),
    })),
    mapLimit([...revoked.values()].slice(0, MAX_REVOCATIONS), RPC_CONCURRENCY, (release) =>
      getRevocation(client, input.registry, release),
    ),
    mapLimit([...lapsed.values()].slice(0, MAX_REVOCATIONS), RPC_CONCURRENCY, ({ publisher, signer }) =>
      getDelegation(client, input.registry, publisher, signer),
    ),
    input.scanNames === false || names.size === 0
      ? null
      : findNameClaims(client, input.registry, [...names], {
          toBlock: blockNumber,
          tooManyResults: "gap",
          ...input.scanOptions,
        }),
  ]);
  return {
    chainId,
    registry,
    blockNumber,
    releases,
    digestTotals,
    latest,
    revocations: revocations.filter((r) => r !== null),
    delegations: delegations.filter((d) => d !== null),
    nameClaims,
    claims,
  };
}
