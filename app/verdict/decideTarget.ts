// One target's word, summary and evidence. Pure: everything comes from the engine's report,
// the chain evidence already read, and the user's trust. The order of the checks is the rule
// (README): TAMPERED, cannot vouch, VERIFIED, REVOKED, UNTRUSTED, UNKNOWN.
import { type Address, isAddressEqual } from "viem";
import { formatUnixTime } from "../chain/formatTime.ts";
import type { Release } from "../chain/release.ts";
import type { ArchiveReport } from "../image/report.ts";
import { provenWords, publisherClaimItems } from "./claimEvidence.ts";
import { type ClassifiedReleases, classifyReleases } from "./classifyReleases.ts";
import { delegationLapse, delegationOf, lapseWords } from "./delegationEvidence.ts";
import { cappedListWords, countWords, listWords, publisherWords, trustWords, whenWords } from "./describe.ts";
import { conflictItems, currentReleaseItem, scanItem } from "./nameEvidence.ts";
import { otherReleaseCounts, otherReleasesItem, unreadAtLeast } from "./otherReleaseEvidence.ts";
import { invalidItem, otherReleaseItems, problemItems, unvouchedItems, verifiedItem } from "./releaseEvidence.ts";
import { digestsOf, problemsOf, type VerdictTarget } from "./targets.ts";
import { controllerClaim, publishersTrustedFor, type Trust, trustedPublishers } from "./trust.ts";
import type { ChainEvidence, Evidence, OtherReleaseCount, TargetVerdict } from "./verdict.ts";

interface DecideContext {
  report: ArchiveReport;
  evidence: ChainEvidence;
  trust: Trust;
  /** As the user typed it; null when no name was asked for. */
  requestedName: string | null;
}

type Decision = Omit<TargetVerdict, "target" | "label">;

const decision = (fields: Pick<Decision, "word" | "summary" | "evidence"> & Partial<Decision>): Decision => ({
  unknownReason: null,
  matched: [],
  release: null,
  ...fields,
});

/** Publishers named in a summary; the evidence lists the rest (a stranger can add thousands). */
const SUMMARY_PUBLISHERS = 5;

function untrustedSummary(
  c: ClassifiedReleases,
  requestedName: string | null,
  counts: readonly OtherReleaseCount[],
): string {
  const unread = unreadAtLeast(counts);
  const moreUnread =
    unread > 0 ? ` (and at least ${countWords(unread)} more release${unread === 1 ? "" : "s"}, not read)` : "";
  const strangerList = [...new Set(c.untrusted.map((m) => m.release.publisher))];
  const strangers = `${cappedListWords(strangerList, SUMMARY_PUBLISHERS)}${moreUnread}`;
  if (c.otherName.length === 0)
    return `Released only by publishers you do not trust: ${strangers}. Anyone can publish any name; this is not a pass.`;
  const names = cappedListWords([...new Set(c.otherName.map((m) => m.release.name))], SUMMARY_PUBLISHERS);
  const trusted = `A publisher you trust released it only as ${names}${requestedName ? `, not as ${requestedName}` : ", a name you do not trust it for"}`;
  if (c.untrusted.length > 0)
    return `${trusted}; the others who released it (${strangers}) are not trusted. This is not a pass.`;
  // Strangers' releases were counted, not read (a trusted publisher's release decides the word).
  return unread > 0
    ? `${trusted}; ${countWords(unread)} ${unread === 1 ? "release by publishers you do not trust also names" : "releases by publishers you do not trust also name"} it (not read). This is not a pass.`
    : `${trusted}.`;
}

/** Why the deciding trusted release is not valid: revoked by its publisher, or void with its delegate key's grant. */
function invalidSummary(release: Release, evidence: ChainEvidence): string {
  if (release.revokedAt !== null) {
    const revocation = evidence.revocations.find((r) => r.releaseId === release.id);
    const through = release.signer === null ? "" : ` (published through delegate key ${release.signer})`;
    return `${release.publisher} revoked its release of this image as ${release.name}${through} on ${formatUnixTime(release.revokedAt)}${revocation ? `: "${revocation.reason}"` : ""}.`;
  }
  const delegation = delegationOf(evidence, release);
  return `Published by ${publisherWords(release)} as ${release.name} on ${formatUnixTime(release.publishedAt)}, but not valid: ${lapseWords(release, delegation, delegationLapse(release, delegation))}.`;
}

/** The checked claims of the publishers behind the releases that name the target, deciding publisher first. */
function claimItems(c: ClassifiedReleases, evidence: ChainEvidence, trusted: readonly Address[]): Evidence[] {
  const publishers = [...c.trustedValid, ...c.trustedInvalid, ...c.otherName, ...c.untrusted].map(
    (m) => m.release.publisher,
  );
  return publisherClaimItems(
    evidence.claims,
    publishers.filter((p, i) => publishers.findIndex((q) => isAddressEqual(p, q)) === i),
    trusted,
  );
}

export function decideTarget(target: VerdictTarget, context: DecideContext): Decision {
  const { evidence, trust, requestedName } = context;
  const { tampered, unsupported } = problemsOf(target, context.report);
  const c = classifyReleases(target, evidence.releases, trust, requestedName);
  const counts = otherReleaseCounts(target, evidence);
  // "1,234 more" when some releases by others are listed above (the newest page was read).
  const trusted = trustedPublishers(trust);
  const strangersShown =
    c.untrusted.length > 0 || c.otherRole.some((r) => !trusted.some((p) => isAddressEqual(p, r.publisher)));
  const others = otherReleasesItem(target, counts, strangersShown);
  const othersItems = others === null ? [] : [others];

  if (tampered.length > 0) {
    const more =
      tampered.length > 1 ? ` (and ${tampered.length - 1} more problem${tampered.length > 2 ? "s" : ""})` : "";
    const altered =
      context.report.format === "registry" ? "The registry serves altered content" : "The archive was altered";
    return decision({
      word: "TAMPERED",
      summary: `${altered}: ${tampered[0]?.message}${more}.`,
      evidence: [...problemItems(tampered, "tampering"), ...unvouchedItems(c), ...othersItems],
    });
  }
  if (unsupported.length > 0 || target.kind === "archive") {
    const reason = unsupported[0]?.message ?? "no image could be read from the archive";
    const evidenceItems = [...problemItems(unsupported, "cannot-vouch"), ...unvouchedItems(c), ...othersItems];
    return decision({
      word: "UNKNOWN",
      unknownReason: "cannot-vouch",
      summary: `ImageSeal cannot vouch for this content: ${reason}.`,
      evidence: evidenceItems,
    });
  }

  const matching = [...c.trustedValid, ...c.trustedInvalid, ...c.otherName, ...c.untrusted].map((m) => m.release);
  const names = [...(requestedName === null ? [] : [requestedName]), ...matching.map((r) => r.name)];
  const nameItems = [
    ...conflictItems(evidence, names, matching, trust),
    ...[scanItem(evidence)].filter((i) => i !== null),
  ];

  const verified = c.trustedValid[0];
  if (verified) {
    const { release, matched, basis } = verified;
    const current = currentReleaseItem(evidence, target, release.publisher, release.name, release, "warn");
    const through = release.signer === null ? "" : ` through delegate key ${release.signer}`;
    const claim = basis === "controller" ? controllerClaim(trust, release.publisher, release.name) : null;
    const who = claim === null ? trustWords(basis) : `${provenWords(claim)}, which you trust`;
    const summary = `Released by ${release.publisher} (${who})${through} as ${release.name} ${whenWords(release)}${current ? "; a newer release of that name exists" : ""}.`;
    const rest = otherReleaseItems(c, trust, evidence);
    const claims = claimItems(c, evidence, trusted);
    return decision({
      word: "VERIFIED",
      summary,
      matched,
      release,
      evidence: [
        verifiedItem(verified, basis, claim),
        ...claims,
        ...(current ? [current] : []),
        ...rest,
        ...othersItems,
        ...nameItems,
      ],
    });
  }

  // Not verified: when a name was asked for, say what the trusted publishers' current release of it is.
  const currentOfAsked =
    requestedName === null
      ? []
      : publishersTrustedFor(trust, requestedName)
          .map((p) => currentReleaseItem(evidence, target, p, requestedName, null, "bad"))
          .filter((i): i is Evidence => i !== null);

  // Revoked, or void with its delegation: either way the trusted publisher's word is "not this any more".
  const [invalid, ...alsoInvalid] = c.trustedInvalid;
  if (invalid) {
    const { release, matched } = invalid;
    const current = currentReleaseItem(evidence, target, release.publisher, release.name, null, "info");
    const rest = otherReleaseItems({ ...c, trustedInvalid: alsoInvalid }, trust, evidence);
    const evidenceItems = [
      invalidItem(invalid, evidence),
      ...claimItems(c, evidence, trusted),
      ...(current ? [current] : []),
      ...rest,
      ...othersItems,
      ...nameItems,
    ];
    return decision({
      word: "REVOKED",
      summary: invalidSummary(release, evidence),
      matched,
      release,
      evidence: evidenceItems,
    });
  }

  if (matching.length > 0) {
    const evidenceItems = [
      ...otherReleaseItems(c, trust, evidence),
      ...claimItems(c, evidence, trusted),
      ...othersItems,
      ...currentOfAsked,
      ...nameItems,
    ];
    return decision({
      word: "UNTRUSTED",
      summary: untrustedSummary(c, requestedName, counts),
      evidence: evidenceItems,
    });
  }

  const digests = digestsOf(target);
  const none: Evidence = {
    kind: "no-release",
    tone: "info",
    message: `No release on this registry names ${listWords(digests)}.`,
    digests,
  };
  // Releases name its digests but none of the newest page names them in their role; the rest were not read.
  const unread = unreadAtLeast(counts) > 0;
  const summary = unread
    ? "No release read names this content's digests in their role; more releases naming them were not read."
    : "No release on this registry names this content's digests.";
  const evidenceItems = [
    ...(unread ? [] : [none]),
    ...otherReleaseItems(c, trust, evidence),
    ...othersItems,
    ...currentOfAsked,
    ...nameItems,
  ];
  return decision({ word: "UNKNOWN", unknownReason: "no-release", summary, evidence: evidenceItems });
}
