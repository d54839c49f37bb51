// Sorts the releases that name a target's digests by what they mean for the user: trusted
// and valid (a pass), trusted but not valid (revoked, or published through a delegate key
// whose grant no longer covers it), released by someone trusted under another name, released
// by strangers, or naming a digest only in another role. Validity is the contract's word
// (`valid`), never re-derived here: a delegated release can be void without being revoked.

import { isAddressEqual } from "viem";
import type { DigestKind, Release } from "../chain/release.ts";
import { parseImageName, sameImageName } from "./normalizeImageName.ts";
import { digestsOf, matchedKinds, type VerdictTarget } from "./targets.ts";
import { type Trust, type TrustBasis, trustBasis, trustedPublishers } from "./trust.ts";

export interface ReleaseMatch {
  release: Release;
  matched: DigestKind[];
}

export interface ClassifiedReleases {
  /** Closest match first (most digest kinds matched), then newest; the other lists newest first. */
  trustedValid: (ReleaseMatch & { basis: Exclude<TrustBasis, null> })[];
  /** Not valid: revoked, or its delegation revoked, expired or granted anew after it. */
  trustedInvalid: ReleaseMatch[];
  /** By a publisher trusted for some name, but not for this release's name or not under the name asked for. */
  otherName: ReleaseMatch[];
  untrusted: ReleaseMatch[];
  otherRole: Release[];
}

/**
 * Whether a release's name is the name asked for: equal after normalization, or — when the
 * user asked for `repo@sha256:…` — the same repository and a digest the engine verified.
 */
export function nameMatches(requested: string, releaseName: string, target: VerdictTarget): boolean {
  if (sameImageName(requested, releaseName)) return true;
  const asked = parseImageName(requested);
  const named = parseImageName(releaseName);
  if (asked?.digest == null || named === null || asked.domain !== named.domain || asked.path !== named.path)
    return false;
  return (
    target.kind === "image" &&
    (asked.digest === target.manifestDigest || target.indexDigests.includes(asked.digest as never))
  );
}

const newestFirst = (a: Release, b: Release) =>
  a.blockNumber === b.blockNumber ? (a.id > b.id ? -1 : 1) : a.blockNumber > b.blockNumber ? -1 : 1;

export function classifyReleases(
  target: VerdictTarget,
  releases: readonly Release[],
  trust: Trust,
  requestedName: string | null,
): ClassifiedReleases {
  const result: ClassifiedReleases = {
    trustedValid: [],
    trustedInvalid: [],
    otherName: [],
    untrusted: [],
    otherRole: [],
  };
  const digests = new Set<string>(digestsOf(target));
  for (const release of [...releases].sort(newestFirst)) {
    const matched = matchedKinds(target, release);
    if (matched.length === 0) {
      const named = [release.imageId, release.manifestDigest, release.indexDigest, release.archiveDigest].some(
        (d) => d !== null && digests.has(d),
      );
      if (named) result.otherRole.push(release);
      continue;
    }
    const basis = trustBasis(trust, release.publisher, release.name);
    const nameOk = requestedName === null || nameMatches(requestedName, release.name, target);
    const trustedSomewhere = trustedPublishers(trust).some((p) => isAddressEqual(p, release.publisher));
    if (basis !== null && nameOk) {
      if (release.valid) result.trustedValid.push({ release, matched, basis });
      else result.trustedInvalid.push({ release, matched });
    } else if (trustedSomewhere) result.otherName.push({ release, matched });
    else result.untrusted.push({ release, matched });
  }
  // The release that names the target most closely decides (a platform's own release before
  // its siblings', which share only the indexDigest); then the newest.
  const closest = (a: ReleaseMatch, b: ReleaseMatch) => b.matched.length - a.matched.length;
  result.trustedValid.sort(closest);
  result.trustedInvalid.sort(closest);
  return result;
}
