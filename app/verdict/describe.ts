// The words the verdict uses for releases, names and digests: full addresses (a shortened
// one invites look-alikes), UTC times, block and transaction.
import { formatUnixTime } from "../chain/formatTime.ts";
import type { DigestKind, Release } from "../chain/release.ts";
import { formatReleaseId } from "../chain/releaseId.ts";
import type { ScanGap } from "../chain/scanRanges.ts";
import { shortDigest } from "../image/digest.ts";
import type { TrustBasis } from "./trust.ts";

export function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

export function matchedWords(matched: readonly DigestKind[]): string {
  return `by ${listWords([...matched])}`;
}

/** Who a release is by: "0xPublisher", or "0xPublisher through delegate key 0xSigner" (both in full). */
export function publisherWords(release: Pick<Release, "publisher" | "signer">): string {
  return release.signer === null ? release.publisher : `${release.publisher} through delegate key ${release.signer}`;
}

/** "0xAb…(full) as docker.io/acme/api:1.4.2 on 2026-11-22 19:06:01 UTC (release 1-0, block 12, tx 0x…)" */
export function releaseWords(release: Release): string {
  if (release.unrecorded !== undefined) {
    return `${publisherWords(release)} as ${release.name} ${whenWords(release)} (signed for nonce ${release.unrecorded.nonce}, submittable until ${formatUnixTime(release.unrecorded.deadline)})`;
  }
  return `${publisherWords(release)} as ${release.name} ${whenWords(release)} (release ${formatReleaseId(release.id)}, block ${release.blockNumber}, tx ${release.transactionHash})`;
}

/** "on 2026-11-22 19:06:01 UTC", or, for a release only signed, that it never went on chain. */
export function whenWords(release: Pick<Release, "publishedAt" | "unrecorded">): string {
  return release.unrecorded === undefined
    ? `on ${formatUnixTime(release.publishedAt)}`
    : "in a signed release never recorded on chain";
}

/** 1234 → "1,234": counts that an attacker can make large are easier to read grouped. */
export function countWords(count: number): string {
  return count.toLocaleString("en-US");
}

/** "A, B, C, D, E and 9,995 more": a list anyone can lengthen, capped at `shown` items. */
export function cappedListWords(words: readonly string[], shown: number, total = words.length): string {
  if (total <= shown) return listWords(words.slice(0, shown));
  return `${words.slice(0, shown).join(", ")} and ${countWords(total - shown)} more`;
}

export function trustWords(basis: Exclude<TrustBasis, null>): string {
  if (basis === "controller") return "the proven controller of a repository or host you trust";
  return basis === "publisher" ? "a publisher you trust" : "the publisher you trust for this name";
}

export function imageWords(release: Release): string {
  const digest = release.imageId ?? release.manifestDigest ?? release.indexDigest ?? release.archiveDigest;
  const kind = release.imageId
    ? "imageId"
    : release.manifestDigest
      ? "manifestDigest"
      : release.indexDigest
        ? "indexDigest"
        : "archiveDigest";
  return digest === null ? "no digest" : `${kind} ${shortDigest(digest)}`;
}

export function gapWords(gap: ScanGap): string {
  const blocks = gap.fromBlock === gap.toBlock ? `block ${gap.fromBlock}` : `blocks ${gap.fromBlock}–${gap.toBlock}`;
  if (gap.tooManyResults)
    return `${blocks} (more releases of these names than the RPC returns in one answer: many publishers, or spam)`;
  return `${blocks} (${gap.error.message})`;
}
