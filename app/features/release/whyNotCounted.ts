// Why a delegated release does not count, in words. The contract's `valid` says only yes or
// no; the delegation (when the page read it) says which: revoked, expired, or granted anew
// after the release (a new grant does not bring a key's earlier releases back).
import type { Delegation } from "../../chain/actions/getDelegation.ts";
import { formatUnixTime } from "../../chain/formatTime.ts";
import type { Release } from "../../chain/release.ts";

export function whyNotCounted(
  release: Pick<Release, "signer" | "valid" | "revokedAt" | "blockNumber">,
  delegation?: Delegation | null,
): string | null {
  if (release.valid || release.revokedAt !== null || release.signer === null) return null;
  if (delegation === undefined)
    return "It does not count: the delegation of the key that published it was revoked or has expired.";
  if (delegation === null)
    return "It does not count: the key that published it holds no delegation from the publisher.";
  if (delegation.revokedAt !== null)
    return `It does not count: the publisher revoked the key's delegation on ${formatUnixTime(delegation.revokedAt)}.`;
  if (delegation.since > release.blockNumber) {
    return `It does not count: the key's delegation was granted anew in block ${delegation.since}, after this release (block ${release.blockNumber}); a new grant does not bring earlier releases back.`;
  }
  if (!delegation.active)
    return `It does not count: the key's delegation expired on ${formatUnixTime(delegation.expiresAt)}.`;
  return "It does not count: the delegation of the key that published it was revoked or has expired.";
}
