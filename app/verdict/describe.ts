// The words the verdict uses for releases, names and digests: full addresses (a shortened
// one invites look-alikes), UTC times, block and transaction.
import { formatUnixTime } from "../chain/formatTime.ts";
import type { DigestKind, Release } from "../chain/release.ts";
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

/** "0xAb…(full) as docker.io/acme/api:1.4.2 on 2026-11-22 19:06:01 UTC (release 4294967296, block 12, tx 0x…)" */
export function releaseWords(release: Release): string {
  return `${release.publisher} as ${release.name} on ${formatUnixTime(release.publishedAt)} (release ${release.id}, block ${release.blockNumber}, tx ${release.transactionHash})`;
}

export function trustWords(basis: Exclude<TrustBasis, null>): string {
  return basis === "publisher" ? "a publisher you trust" : "the publisher you trust for this name";
}

export function imageWords(release: Release): string {
  const digest = release.imageId ?? release.manifestDigest ?? release.indexDigest ?? release.archiveDigest;
  const kind = release.imageId ? "imageId" : release.manifestDigest ? "manifestDigest" : release.indexDigest ? "indexDigest" : "archiveDigest";
  return digest === null ? "no digest" : `${kind} ${shortDigest(digest)}`;
}

export function gapWords(gap: ScanGap): string {
  const blocks = gap.fromBlock === gap.toBlock ? `block ${gap.fromBlock}` : `blocks ${gap.fromBlock}–${gap.toBlock}`;
  return `${blocks} (${gap.error.message})`;
}
