import { decideVerdict } from "./decideVerdict.ts";
import { type GatherEvidenceInput, gatherEvidence } from "./gatherEvidence.ts";
import type { VerificationResult } from "./verdict.ts";

/**
 * The whole check for an inspected archive: read the evidence from the chain, then decide.
 * Rejects with an AppError (app/chain/errors.ts) when the chain cannot be read.
 */
export async function verifyArchive(input: GatherEvidenceInput): Promise<VerificationResult> {
  const evidence = await gatherEvidence(input);
  return decideVerdict({
    report: input.report,
    evidence,
    trust: input.trust,
    requestedName: input.requestedName ?? null,
  });
}
