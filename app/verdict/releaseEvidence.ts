// Evidence items about releases and engine problems, each with its sentence.
import { formatUnixTime } from "../chain/formatTime.ts";
import { formatReleaseId } from "../chain/releaseId.ts";
import type { ProvenClaim } from "../claims/claimCheck.ts";
import type { Problem } from "../image/report.ts";
import { provenWords } from "./claimEvidence.ts";
import type { ClassifiedReleases, ReleaseMatch } from "./classifyReleases.ts";
import { delegationVoidItem } from "./delegationEvidence.ts";
import { matchedWords, releaseWords, trustWords } from "./describe.ts";
import type { Trust, TrustBasis } from "./trust.ts";
import type { ChainEvidence, Evidence } from "./verdict.ts";

/** Said of a release that is not valid: revoked, or (not revoked) its delegate key's grant no longer covers it. */
const sinceInvalid = (match: ReleaseMatch, revoked: string, lapsed: string) =>
  match.release.valid ? "" : match.release.revokedAt !== null ? revoked : lapsed;

export function verifiedItem(
  { release, matched }: ReleaseMatch,
  basis: Exclude<TrustBasis, null>,
  claim: ProvenClaim | null = null,
): Evidence {
  if (basis === "controller" && claim !== null) {
    const message = `Released by ${releaseWords(release)}, ${matchedWords(matched)} — ${provenWords(claim)}, which you trust.`;
    return { kind: "verified-by", tone: "good", message, release, matched, trustedAs: basis, claim };
  }
  return {
    kind: "verified-by",
    tone: "good",
    message: `Released by ${releaseWords(release)}, ${matchedWords(matched)}; ${trustWords(basis)}.`,
    release,
    matched,
    trustedAs: basis,
  };
}

function revokedItem({ release, matched }: ReleaseMatch, evidence: ChainEvidence): Evidence {
  const revocation = evidence.revocations.find((r) => r.releaseId === release.id) ?? null;
  const why = revocation ? `: "${revocation.reason}"` : "";
  const message = `Revoked on ${formatUnixTime(release.revokedAt as number)}${why} — release by ${releaseWords(release)}, ${matchedWords(matched)}.`;
  return { kind: "revoked", tone: "bad", message, release, matched, revocation };
}

/** A trusted release that is not valid: revoked by its publisher, or void with its delegation. */
export function invalidItem(match: ReleaseMatch, evidence: ChainEvidence): Evidence {
  return match.release.revokedAt !== null ? revokedItem(match, evidence) : delegationVoidItem(match, evidence);
}

/** Every release naming the target other than the deciding one, newest first within each kind. */
export function otherReleaseItems(c: ClassifiedReleases, trust: Trust, evidence: ChainEvidence): Evidence[] {
  const trustsNobody = trust.publishers.length + trust.pins.length + (trust.namespaces ?? []).length === 0;
  return [
    ...c.trustedValid.slice(1).map(
      ({ release, matched }): Evidence => ({
        kind: "also-verified-by",
        tone: "good",
        message: `Also released by ${releaseWords(release)}, ${matchedWords(matched)}.`,
        release,
        matched,
      }),
    ),
    ...c.trustedInvalid.map((match) => invalidItem(match, evidence)),
    ...c.otherName.map(
      (match): Evidence => ({
        kind: "other-name",
        tone: "warn",
        message: `${match.release.publisher}, whom you trust for other names, released it as ${match.release.name}${sinceInvalid(match, " (since revoked)", " (no longer valid: its delegate key's grant lapsed)")}, ${matchedWords(match.matched)}: not the name this verdict is about.`,
        ...match,
      }),
    ),
    ...c.untrusted.map(
      (match): Evidence => ({
        kind: "untrusted-release",
        tone: "warn",
        message: `Released by ${releaseWords(match.release)}${sinceInvalid(match, " and since revoked", " and no longer valid (its delegate key's grant lapsed)")}, ${matchedWords(match.matched)}; you do not trust this publisher${trustsNobody ? " (you trust no publisher yet)" : ""}.`,
        ...match,
      }),
    ),
    ...c.otherRole.map(
      (release): Evidence => ({
        kind: "other-role",
        tone: "info",
        message: `Release ${formatReleaseId(release.id)} by ${release.publisher} (${release.name}) names one of these digests in another role; it does not vouch for this content.`,
        release,
      }),
    ),
  ];
}

/** When the contents do not check out, the releases are shown only for what the archive pretends to be. */
export function unvouchedItems(c: ClassifiedReleases): Evidence[] {
  const trusted = [...c.trustedValid, ...c.trustedInvalid].map((m) => ({ ...m, trusted: true }));
  const others = [...c.otherName, ...c.untrusted].map((m) => ({ ...m, trusted: false }));
  return [...trusted, ...others].map(({ release, matched, trusted: isTrusted }) => ({
    kind: "unvouched-release",
    tone: "info",
    message: `A release names these digests (${releaseWords(release)}, ${matchedWords(matched)}), but the contents do not check out, so it vouches for nothing here.`,
    release,
    matched,
    trusted: isTrusted,
  }));
}

export function problemItems(problems: readonly Problem[], kind: "tampering" | "cannot-vouch"): Evidence[] {
  return problems.map((problem) => ({
    kind,
    tone: kind === "tampering" ? "bad" : "warn",
    message: problem.message,
    problem,
  }));
}
