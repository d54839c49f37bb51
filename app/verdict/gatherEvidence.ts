// Reads from the chain everything decideVerdict needs, and nothing more: the releases naming
// the archive's digests, the trusted publishers' current releases of the names involved,
// why trusted releases were revoked, and (unless turned off) every publisher of those names.
import type { Address } from "viem";
import { getBlockNumber } from "viem/actions";
import { findNameClaims, type FindNameClaimsOptions } from "../chain/actions/findNameClaims.ts";
import { getLatestValidRelease } from "../chain/actions/getLatestValidRelease.ts";
import { getReleasesByDigest } from "../chain/actions/getReleasesByDigest.ts";
import { getRevocation } from "../chain/actions/getRevocation.ts";
import { chainIdOf } from "../chain/chainIdOf.ts";
import { withAppErrors } from "../chain/errors.ts";
import { mapLimit, RPC_CONCURRENCY } from "../chain/mapLimit.ts";
import { registryAddressOf, type RegistryRef } from "../chain/registryRef.ts";
import type { Release } from "../chain/release.ts";
import type { ArchiveReport } from "../image/report.ts";
import { classifyReleases } from "./classifyReleases.ts";
import { nameSpellings } from "./normalizeImageName.ts";
import { digestsOf, matchedKinds, targetsOf } from "./targets.ts";
import { publishersTrustedFor, type Trust } from "./trust.ts";
import type { ChainEvidence } from "./verdict.ts";
import type { ReadClient } from "../chain/readClient.ts";

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
}

/** Revocation reasons are looked up for at most this many trusted revoked releases. */
const MAX_REVOCATIONS = 10;

export async function gatherEvidence(input: GatherEvidenceInput): Promise<ChainEvidence> {
  const { client, report, trust } = input;
  const registry = registryAddressOf(input.registry);
  const requestedName = input.requestedName ?? null;
  const targets = targetsOf(report);
  const [chainId, blockNumber] = await withAppErrors(() => Promise.all([chainIdOf(client), getBlockNumber(client, { cacheTime: 0 })]), { registry });

  const digests = [...new Set(targets.flatMap(digestsOf))];
  const byId = new Map<bigint, Release>();
  for (const list of await mapLimit(digests, RPC_CONCURRENCY, (digest) => getReleasesByDigest(client, input.registry, digest))) {
    for (const release of list) byId.set(release.id, release);
  }
  const releases = [...byId.values()];

  const lookups = new Map<string, { publisher: Address; name: string }>();
  const look = (publisher: Address, name: string) => lookups.set(`${publisher.toLowerCase()} ${name}`, { publisher, name });
  const revoked = new Map<bigint, Release>();
  const names = new Set<string>(requestedName === null ? [] : nameSpellings(requestedName));
  for (const target of targets) {
    const c = classifyReleases(target, releases, trust, requestedName);
    for (const { release } of [...c.trustedValid.slice(0, 1), ...c.trustedRevoked]) look(release.publisher, release.name);
    for (const { release } of c.trustedRevoked) revoked.set(release.id, release);
  }
  for (const release of releases) if (targets.some((t) => matchedKinds(t, release).length > 0)) for (const name of nameSpellings(release.name)) names.add(name);
  if (requestedName !== null) for (const publisher of publishersTrustedFor(trust, requestedName)) for (const name of nameSpellings(requestedName)) look(publisher, name);

  const [latest, revocations, nameClaims] = await Promise.all([
    mapLimit([...lookups.values()], RPC_CONCURRENCY, async ({ publisher, name }) => ({ publisher, name, release: await getLatestValidRelease(client, input.registry, publisher, name) })),
    mapLimit([...revoked.values()].slice(0, MAX_REVOCATIONS), RPC_CONCURRENCY, (release) => getRevocation(client, input.registry, release)),
    input.scanNames === false || names.size === 0 ? null : findNameClaims(client, input.registry, [...names], { toBlock: blockNumber, ...input.scanOptions }),
  ]);
  return { chainId, registry, blockNumber, releases, latest, revocations: revocations.filter((r) => r !== null), nameClaims };
}
