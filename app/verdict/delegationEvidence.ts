// Why a trusted publisher's delegated release no longer counts. The contract says only that it
// is not valid (`valid`); the grant as it stands now (`delegation(publisher, signer)`) says
// which of the publisher's acts made it so: the key's delegation revoked, expired, or granted
// anew after the release (a new grant does not bring a lapsed key's releases back).

import { isAddressEqual } from "viem";
import type { Delegation } from "../chain/actions/getDelegation.ts";
import { formatUnixTime } from "../chain/formatTime.ts";
import type { Release } from "../chain/release.ts";
import type { ReleaseMatch } from "./classifyReleases.ts";
import { matchedWords, releaseWords } from "./describe.ts";
import type { ChainEvidence, DelegationLapse, Evidence } from "./verdict.ts";

/** The grant read for the release's (publisher, signer); null when none was read or none exists. */
export function delegationOf(evidence: ChainEvidence, release: Release): Delegation | null {
  const signer = release.signer;
  if (signer === null) return null;
  return (
    evidence.delegations.find(
      (d) => isAddressEqual(d.publisher, release.publisher) && isAddressEqual(d.delegate, signer),
    ) ?? null
  );
}

export function delegationLapse(release: Release, delegation: Delegation | null): DelegationLapse {
  if (delegation === null) return "unknown";
  if (delegation.revokedAt !== null) return "revoked";
  if (delegation.since > release.blockNumber) return "granted-again";
  if (!delegation.active) return "expired";
  return "unknown";
}

/** "the delegation of key 0x… by 0x… was revoked on 2026-11-29 15:00:00 UTC" */
export function lapseWords(release: Release, delegation: Delegation | null, lapse: DelegationLapse): string {
  const grant = `the delegation of key ${release.signer} by ${release.publisher}`;
  if (lapse === "revoked" && delegation?.revokedAt != null)
    return `${grant} was revoked on ${formatUnixTime(delegation.revokedAt)}`;
  if (lapse === "expired" && delegation !== null) return `${grant} expired on ${formatUnixTime(delegation.expiresAt)}`;
  if (lapse === "granted-again" && delegation !== null) {
    return `${grant} was granted again after this release (in block ${delegation.since}; the release is in block ${release.blockNumber}), which does not bring the key's earlier releases back`;
  }
  return `${grant} no longer covers it`;
}

export function delegationVoidItem({ release, matched }: ReleaseMatch, evidence: ChainEvidence): Evidence {
  const delegation = delegationOf(evidence, release);
  const lapse = delegationLapse(release, delegation);
  const message = `Not valid: ${lapseWords(release, delegation, lapse)} — release by ${releaseWords(release)}, ${matchedWords(matched)}.`;
  return { kind: "delegation-void", tone: "bad", message, release, matched, delegation, lapse };
}
