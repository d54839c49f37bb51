// Evidence about names rather than digests: whether a trusted publisher's current release
// of a name is another image, and whether several publishers claim one name.
import { isAddressEqual, type Address } from "viem";
import type { Release } from "../chain/release.ts";
import { formatUnixTime } from "../chain/formatTime.ts";
import { gapWords, imageWords, listWords } from "./describe.ts";
import { normalizeImageName, sameImageName } from "./normalizeImageName.ts";
import { matchedKinds, type VerdictTarget } from "./targets.ts";
import { trustBasis, type Trust } from "./trust.ts";
import type { ChainEvidence, Evidence, Tone } from "./verdict.ts";

/** The publisher's newest valid release of the name (any spelling looked up), from the evidence. */
export function currentReleaseOf(evidence: ChainEvidence, publisher: Address, name: string): Release | null {
  let newest: Release | null = null;
  for (const entry of evidence.latest) {
    if (entry.release === null || !isAddressEqual(entry.publisher, publisher) || !sameImageName(entry.name, name)) continue;
    if (newest === null || entry.release.blockNumber > newest.blockNumber || (entry.release.blockNumber === newest.blockNumber && entry.release.id > newest.id)) newest = entry.release;
  }
  return newest;
}

/** An item when the publisher's current release of `name` does not name this target. */
export function currentReleaseItem(evidence: ChainEvidence, target: VerdictTarget, publisher: Address, name: string, except: Release | null, tone: Tone): Evidence | null {
  const current = currentReleaseOf(evidence, publisher, name);
  if (current === null || current.id === except?.id || matchedKinds(target, current).length > 0) return null;
  const message =
    tone === "warn"
      ? `${publisher} has since released another image as ${current.name}: ${imageWords(current)} on ${formatUnixTime(current.publishedAt)} (release ${current.id}). This is an older release of that name.`
      : `${publisher}'s current release of ${current.name} is another image: ${imageWords(current)}, published ${formatUnixTime(current.publishedAt)} (release ${current.id}).`;
  return { kind: "current-release", tone, message, release: current, name: current.name };
}

/** One item per name (normalized) that more than one publisher has published. */
export function conflictItems(evidence: ChainEvidence, names: readonly string[], matching: readonly Release[], trust: Trust): Evidence[] {
  const items: Evidence[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const key = normalizeImageName(name) ?? name;
    if (seen.has(key)) continue;
    seen.add(key);
    const byPublisher = new Map<string, { publisher: Address; trusted: boolean; releaseIds: bigint[] }>();
    const add = (publisher: Address, id: bigint) => {
      const entry = byPublisher.get(publisher.toLowerCase()) ?? { publisher, trusted: trustBasis(trust, publisher, name) !== null, releaseIds: [] };
      if (!entry.releaseIds.includes(id)) entry.releaseIds.push(id);
      byPublisher.set(publisher.toLowerCase(), entry);
    };
    for (const release of matching) if (sameImageName(release.name, name)) add(release.publisher, release.id);
    for (const claim of evidence.nameClaims?.claims ?? []) if (sameImageName(claim.name, name)) for (const id of claim.releaseIds) add(claim.publisher, id);
    if (byPublisher.size < 2) continue;
    const publishers = [...byPublisher.values()].sort((a, b) => Number(b.trusted) - Number(a.trusted));
    const who = listWords(publishers.map((p) => `${p.publisher}${p.trusted ? " (trusted)" : ""}`));
    items.push({
      kind: "name-conflict",
      tone: "warn",
      message: `${publishers.length} publishers have published ${key}: ${who}. Anyone can publish any name; only a publisher you trust counts.`,
      name: key,
      publishers,
    });
  }
  return items;
}

export function scanItem(evidence: ChainEvidence): Evidence | null {
  const scan = evidence.nameClaims;
  if (scan === null || scan.complete) return null;
  return {
    kind: "scan-incomplete",
    tone: "info",
    message: `Other publishers of these names may be missing: ${listWords(scan.gaps.map(gapWords))} could not be read.`,
    gaps: scan.gaps,
  };
}
