// One target's word, summary and evidence. Pure: everything comes from the engine's report,
// the chain evidence already read, and the user's trust. The order of the checks is the rule
// (README): TAMPERED, cannot vouch, VERIFIED, REVOKED, UNTRUSTED, UNKNOWN.
import { formatUnixTime } from "../chain/formatTime.ts";
import type { ArchiveReport } from "../image/report.ts";
import { classifyReleases, type ClassifiedReleases } from "./classifyReleases.ts";
import { listWords, trustWords } from "./describe.ts";
import { conflictItems, currentReleaseItem, scanItem } from "./nameEvidence.ts";
import { otherReleaseItems, problemItems, revokedItem, unvouchedItems, verifiedItem } from "./releaseEvidence.ts";
import { digestsOf, problemsOf, type VerdictTarget } from "./targets.ts";
import { publishersTrustedFor, type Trust } from "./trust.ts";
import type { ChainEvidence, Evidence, TargetVerdict } from "./verdict.ts";

export interface DecideContext {
  report: ArchiveReport;
  evidence: ChainEvidence;
  trust: Trust;
  /** As the user typed it; null when no name was asked for. */
  requestedName: string | null;
}

type Decision = Omit<TargetVerdict, "target" | "label">;

const decision = (fields: Pick<Decision, "word" | "summary" | "evidence"> & Partial<Decision>): Decision => ({ unknownReason: null, matched: [], release: null, ...fields });

function untrustedSummary(c: ClassifiedReleases, requestedName: string | null): string {
  const strangers = listWords([...new Set(c.untrusted.map((m) => m.release.publisher))]);
  if (c.otherName.length === 0) return `Released only by publishers you do not trust: ${strangers}. Anyone can publish any name; this is not a pass.`;
  const names = listWords([...new Set(c.otherName.map((m) => m.release.name))]);
  const trusted = `A publisher you trust released it only as ${names}${requestedName ? `, not as ${requestedName}` : ", a name you do not trust it for"}`;
  return c.untrusted.length === 0 ? `${trusted}.` : `${trusted}; the others who released it (${strangers}) are not trusted. This is not a pass.`;
}

export function decideTarget(target: VerdictTarget, context: DecideContext): Decision {
  const { evidence, trust, requestedName } = context;
  const { tampered, unsupported } = problemsOf(target, context.report);
  const c = classifyReleases(target, evidence.releases, trust, requestedName);

  if (tampered.length > 0) {
    const more = tampered.length > 1 ? ` (and ${tampered.length - 1} more problem${tampered.length > 2 ? "s" : ""})` : "";
    return decision({ word: "TAMPERED", summary: `The archive was altered: ${tampered[0]?.message}${more}.`, evidence: [...problemItems(tampered, "tampering"), ...unvouchedItems(c)] });
  }
  if (unsupported.length > 0 || target.kind === "archive") {
    const reason = unsupported[0]?.message ?? "no image could be read from the archive";
    const evidenceItems = [...problemItems(unsupported, "cannot-vouch"), ...unvouchedItems(c)];
    return decision({ word: "UNKNOWN", unknownReason: "cannot-vouch", summary: `ImageSeal cannot vouch for this content: ${reason}.`, evidence: evidenceItems });
  }

  const matching = [...c.trustedValid, ...c.trustedRevoked, ...c.otherName, ...c.untrusted].map((m) => m.release);
  const names = [...(requestedName === null ? [] : [requestedName]), ...matching.map((r) => r.name)];
  const nameItems = [...conflictItems(evidence, names, matching, trust), ...[scanItem(evidence)].filter((i) => i !== null)];

  const verified = c.trustedValid[0];
  if (verified) {
    const { release, matched, basis } = verified;
    const current = currentReleaseItem(evidence, target, release.publisher, release.name, release, "warn");
    const summary = `Released by ${release.publisher} (${trustWords(basis)}) as ${release.name} on ${formatUnixTime(release.publishedAt)}${current ? "; a newer release of that name exists" : ""}.`;
    const rest = otherReleaseItems(c, trust, evidence);
    return decision({ word: "VERIFIED", summary, matched, release, evidence: [verifiedItem(verified, basis), ...(current ? [current] : []), ...rest, ...nameItems] });
  }

  // Not verified: when a name was asked for, say what the trusted publishers' current release of it is.
  const currentOfAsked =
    requestedName === null ? [] : publishersTrustedFor(trust, requestedName).map((p) => currentReleaseItem(evidence, target, p, requestedName, null, "bad")).filter((i): i is Evidence => i !== null);

  const [revoked, ...alsoRevoked] = c.trustedRevoked;
  if (revoked) {
    const { release, matched } = revoked;
    const revocation = evidence.revocations.find((r) => r.releaseId === release.id);
    const summary = `${release.publisher} revoked its release of this image as ${release.name} on ${formatUnixTime(release.revokedAt as number)}${revocation ? `: "${revocation.reason}"` : ""}.`;
    const current = currentReleaseItem(evidence, target, release.publisher, release.name, null, "info");
    const rest = otherReleaseItems({ ...c, trustedRevoked: alsoRevoked }, trust, evidence);
    return decision({ word: "REVOKED", summary, matched, release, evidence: [revokedItem(revoked, evidence), ...(current ? [current] : []), ...rest, ...nameItems] });
  }

  if (matching.length > 0) {
    return decision({ word: "UNTRUSTED", summary: untrustedSummary(c, requestedName), evidence: [...otherReleaseItems(c, trust, evidence), ...currentOfAsked, ...nameItems] });
  }

  const digests = digestsOf(target);
  const none: Evidence = { kind: "no-release", tone: "info", message: `No release on this registry names ${listWords(digests)}.`, digests };
  const evidenceItems = [none, ...otherReleaseItems(c, trust, evidence), ...currentOfAsked, ...nameItems];
  return decision({ word: "UNKNOWN", unknownReason: "no-release", summary: "No release on this registry names this content's digests.", evidence: evidenceItems });
}
