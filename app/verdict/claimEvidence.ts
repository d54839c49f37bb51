// The words for control claims checked during a verification: "proven controller of X
// (artifact sha256:…, checked now)", or what a claim that no longer checks out lacks. A failed
// claim is shown and never counted; one that could not be checked from here (a registry that
// forbids browsers, a host that did not answer) is a warning, not an accusation.
import { type Address, isAddressEqual } from "viem";
import type { ClaimCheck, ProvenClaim } from "../claims/claimCheck.ts";
import { listWords } from "./describe.ts";
import type { Evidence, Tone } from "./verdict.ts";

/** "proven controller of 127.0.0.1:5055/fixture/multi (artifact sha256:…, checked now)" */
export function provenWords(claim: ProvenClaim): string {
  const where =
    claim.evidence.artifactDigest === null ? claim.evidence.url : `artifact ${claim.evidence.artifactDigest}`;
  const what = claim.location.kind === "domain" ? `the host ${claim.location.scope}` : claim.location.scope;
  return `proven controller of ${what} (${where}, checked now)`;
}

function failedWords(check: Extract<ClaimCheck, { status: "failed" }>): string {
  return `claims ${check.location.scope}, which does not check out now: ${check.message}`;
}

/** Claims that could not be checked from here, as opposed to claims found wanting. */
const UNCHECKABLE = new Set(["unreachable", "browser-blocked", "unauthorized"]);

function toneOf(checks: readonly ClaimCheck[], trusted: boolean): Tone {
  if (checks.some((c) => c.status === "failed" && !UNCHECKABLE.has(c.reason))) return "bad";
  if (checks.some((c) => c.status === "failed")) return "warn";
  return trusted ? "good" : "info";
}

/** One item per publisher whose claims were checked, in the order given; publishers without claims are left out. */
export function publisherClaimItems(
  checks: readonly ClaimCheck[],
  publishers: readonly Address[],
  trusted: readonly Address[],
): Evidence[] {
  const items: Evidence[] = [];
  for (const publisher of publishers) {
    const mine = checks.filter((check) => isAddressEqual(check.publisher, publisher));
    if (mine.length === 0) continue;
    const words = mine.map((check) => (check.status === "proven" ? provenWords(check) : failedWords(check)));
    const isTrusted = trusted.some((p) => isAddressEqual(p, publisher));
    items.push({
      kind: "publisher-claims",
      tone: toneOf(mine, isTrusted),
      message: `${publisher} — ${listWords(words)}.`,
      publisher,
      checks: mine,
    });
  }
  return items;
}
