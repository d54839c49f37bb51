// The releases a verification counted but did not read: anyone can name any digest, so the
// other publishers' releases of a target's digests are a number here ("10,000 releases by
// other publishers name this image"), listed on demand (otherReleases.ts), never read whole.
import { shortDigest } from "../image/digest.ts";
import { countWords, listWords } from "./describe.ts";
import { digestRolesOf, namesDigest, type VerdictTarget } from "./targets.ts";
import type { ChainEvidence, Evidence, OtherReleaseCount } from "./verdict.ts";

/** Per digest of the target whose total is known: how many releases name it, and how many were not read. */
export function otherReleaseCounts(target: VerdictTarget, evidence: ChainEvidence): OtherReleaseCount[] {
  const totals = new Map(evidence.digestTotals.map((t) => [t.digest, t.total]));
  const counts: OtherReleaseCount[] = [];
  for (const { digest, kind } of digestRolesOf(target)) {
    const total = totals.get(digest);
    if (total === undefined) continue;
    const read = evidence.releases.filter((r) => namesDigest(r, digest)).length;
    // The total and the reads are separate calls: a release landing between them is not "unread" twice.
    counts.push({ digest, kind, total, unread: Math.max(0, total - read) });
  }
  return counts;
}

/** The most releases not read for any one digest: at least this many exist that were not read. */
export function unreadAtLeast(counts: readonly OtherReleaseCount[]): number {
  return Math.max(0, ...counts.map((c) => c.unread));
}

const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

/**
 * One item when releases by other publishers were not read. `more` when some of theirs are
 * already shown above (the first page was read), so the number reads "1,234 more".
 */
export function otherReleasesItem(
  target: VerdictTarget,
  counts: readonly OtherReleaseCount[],
  more: boolean,
): Evidence | null {
  const unread = counts.filter((c) => c.unread > 0);
  if (unread.length === 0) return null;
  const what = target.kind === "image" ? "this image" : target.kind === "file" ? "this file" : "this archive";
  const why = "not read: anyone can add to them, so they are listed on demand";
  const [only] = unread;
  const message =
    unread.length === 1 && only
      ? `${countWords(only.unread)} ${more ? "more " : ""}${plural(only.unread, "release", "releases")} by other publishers ${plural(only.unread, "names", "name")} ${what} by its ${only.kind} ${shortDigest(only.digest)} (${why}).`
      : `${more ? "More releases" : "Releases"} by other publishers name ${what} (${why}): ${listWords(unread.map((c) => `${countWords(c.unread)} by its ${c.kind} ${shortDigest(c.digest)}`))}.`;
  return { kind: "other-releases", tone: "info", message, counts: [...counts] };
}
