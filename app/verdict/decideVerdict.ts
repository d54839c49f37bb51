// The verdict for a whole archive: one word per target (each image, or the plain file), and
// an overall word that is VERIFIED only when every target is — an archive is loaded whole
// (`docker load` loads every image in it), so one unvouched image fails it.

import { isProven } from "../claims/claimCheck.ts";
import type { ArchiveReport } from "../image/report.ts";
import { itemAt } from "../image/util/itemAt.ts";
import { decideTarget } from "./decideTarget.ts";
import { normalizeImageName } from "./normalizeImageName.ts";
import { targetsOf, type VerdictTarget } from "./targets.ts";
import { type Trust, withControllers } from "./trust.ts";
import {
  type ChainEvidence,
  SEVERITY,
  type TargetVerdict,
  type VerdictWord,
  type VerificationResult,
} from "./verdict.ts";

interface DecideVerdictInput {
  report: ArchiveReport;
  evidence: ChainEvidence;
  trust: Trust;
  /** The name the user expects (any spelling Docker accepts); null or absent for "any name". */
  requestedName?: string | null;
}

function labelOf(target: VerdictTarget, count: number): string {
  if (target.kind === "file") return "the file";
  if (target.kind === "archive") return "the archive";
  const platform = target.platform ? ` (${target.platform})` : "";
  return count === 1 ? `the image${platform}` : `image ${target.index + 1} of ${count}${platform}`;
}

function overallWord(targets: readonly TargetVerdict[]): VerdictWord {
  return SEVERITY.find((word) => targets.some((t) => t.word === word)) ?? "UNKNOWN";
}

function overallSummary(targets: readonly TargetVerdict[], word: VerdictWord): string {
  const [only] = targets;
  if (targets.length === 1 && only) return only.summary;
  const verified = targets.filter((t) => t.word === "VERIFIED").length;
  if (word === "VERIFIED") return `All ${targets.length} images are VERIFIED.`;
  const worst = targets.filter((t) => t.word === word);
  const first = itemAt(worst, 0); // the overall word is the worst target's, so one has it
  return `${verified} of ${targets.length} images VERIFIED; ${first.label} is ${word}: ${first.summary}`;
}

export function decideVerdict(input: DecideVerdictInput): VerificationResult {
  const { report, evidence } = input;
  // The user's trust, plus whoever proved control of a trusted scope while the evidence was read.
  const trust = withControllers(input.trust, evidence.claims.filter(isProven));
  const requestedName = input.requestedName ?? null;
  const targets = targetsOf(report);
  const verdicts = targets.map((target) => ({
    target,
    label: labelOf(target, targets.length),
    ...decideTarget(target, { report, evidence, trust, requestedName }),
  }));
  const word = overallWord(verdicts);
  return {
    word,
    summary: overallSummary(verdicts, word),
    targets: verdicts,
    requestedName: requestedName === null ? null : (normalizeImageName(requestedName) ?? requestedName),
    trust: input.trust,
    chainId: evidence.chainId,
    registry: evidence.registry,
    blockNumber: evidence.blockNumber,
    format: report.format,
    notes: report.notes,
    digestTotals: evidence.digestTotals,
  };
}
