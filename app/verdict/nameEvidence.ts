// Evidence about names rather than digests: whether a trusted publisher's current release
// of a name is another image, and whether several publishers claim one name.
import { type Address, isAddressEqual } from "viem";
import { formatUnixTime } from "../chain/formatTime.ts";
import type { Release } from "../chain/release.ts";
import { formatReleaseId } from "../chain/releaseId.ts";
import { cappedListWords, countWords, gapWords, imageWords, listWords } from "./describe.ts";
import { imageNameKey, sameImageName } from "./normalizeImageName.ts";
import { matchedKinds, type VerdictTarget } from "./targets.ts";
import { type Trust, trustBasis } from "./trust.ts";
import type { ChainEvidence, Evidence, Tone } from "./verdict.ts";

/** The publisher's newest valid release of the name (any spelling looked up), from the evidence. */
function currentReleaseOf(evidence: ChainEvidence, publisher: Address, name: string): Release | null {
  let newest: Release | null = null;
  for (const entry of evidence.latest) {
    if (entry.release === null || !isAddressEqual(entry.publisher, publisher) || !sameImageName(entry.name, name))
      continue;
    if (
      newest === null ||
      entry.release.blockNumber > newest.blockNumber ||
      (entry.release.blockNumber === newest.blockNumber && entry.release.id > newest.id)
    )
      newest = entry.release;
  }
  return newest;
}

/** An item when the publisher's current release of `name` does not name this target. */
export function currentReleaseItem(
  evidence: ChainEvidence,
  target: VerdictTarget,
  publisher: Address,
  name: string,
  except: Release | null,
  tone: Tone,
): Evidence | null {
  const current = currentReleaseOf(evidence, publisher, name);
  if (current === null || current.id === except?.id || matchedKinds(target, current).length > 0) return null;
  const message =
    tone === "warn"
      ? `${publisher} has since released another image as ${current.name}: ${imageWords(current)} on ${formatUnixTime(current.publishedAt)} (release ${formatReleaseId(current.id)}). This is an older release of that name.`
      : `${publisher}'s current release of ${current.name} is another image: ${imageWords(current)}, published ${formatUnixTime(current.publishedAt)} (release ${formatReleaseId(current.id)}).`;
  return { kind: "current-release", tone, message, release: current, name: current.name };
}

/** Publishers written in a name-conflict sentence (trusted first); the item's data has them all. */
const CONFLICT_PUBLISHERS_SHOWN = 5;

interface Claimant {
  publisher: Address;
  trusted: boolean;
  ids: Set<bigint>;
}

/**
 * One item per name (normalized) that more than one publisher has published. Linear in the
 * releases and claims: anyone can add thousands of claims to a name, so each name is
 * normalized once and claims are grouped by Map, never compared pairwise.
 */
export function conflictItems(
  evidence: ChainEvidence,
  names: readonly string[],
  matching: readonly Release[],
  trust: Trust,
): Evidence[] {
  const groups = new Map<string, { name: string; byPublisher: Map<string, Claimant> }>();
  for (const name of names) {
    const key = imageNameKey(name);
    if (!groups.has(key)) groups.set(key, { name, byPublisher: new Map() });
  }
  const add = (claimedName: string, publisher: Address, id: bigint) => {
    const group = groups.get(imageNameKey(claimedName));
    if (group === undefined) return;
    const lower = publisher.toLowerCase();
    let claimant = group.byPublisher.get(lower);
    if (claimant === undefined) {
      claimant = { publisher, trusted: trustBasis(trust, publisher, group.name) !== null, ids: new Set() };
      group.byPublisher.set(lower, claimant);
    }
    claimant.ids.add(id);
  };
  for (const release of matching) add(release.name, release.publisher, release.id);
  for (const claim of evidence.nameClaims?.claims ?? [])
    for (const id of claim.releaseIds) add(claim.name, claim.publisher, id);

  const items: Evidence[] = [];
  for (const [key, { byPublisher }] of groups) {
    if (byPublisher.size < 2) continue;
    const publishers = [...byPublisher.values()]
      .map(({ publisher, trusted, ids }) => ({ publisher, trusted, releaseIds: [...ids] }))
      .sort((a, b) => Number(b.trusted) - Number(a.trusted));
    const who = cappedListWords(
      publishers.slice(0, CONFLICT_PUBLISHERS_SHOWN).map((p) => `${p.publisher}${p.trusted ? " (trusted)" : ""}`),
      CONFLICT_PUBLISHERS_SHOWN,
      publishers.length,
    );
    items.push({
      kind: "name-conflict",
      tone: "warn",
      message: `${countWords(publishers.length)} publishers have published ${key}: ${who}. Anyone can publish any name; only a publisher you trust counts.`,
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
