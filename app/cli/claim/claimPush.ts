// `imageseal claim push <repository>`: sign a claim for the repository, push it there as an
// OCI artifact under the reserved tag, record oci://<repository> on chain, and check it the
// way verifiers will. Pushing needs push rights, which is the whole point: only someone who
// can push to the repository can put the publisher's signed claim there.

import type { RegistryClient } from "../../registry/client.ts";
import { RegistryError } from "../../registry/errors.ts";
import type { RepositoryRef } from "../../registry/reference.ts";
import { isYes, PromptAbortedError } from "../keys/prompter.ts";
import { unattendedProblem } from "../publish/commandContext.ts";
import { PUBLISH_EXIT } from "../publish/exitStatus.ts";
import { type ClaimRun, checkDepsOf, claimReview, signerOf } from "./claimContext.ts";
import {
  CLAIM_TAG,
  type ClaimDocument,
  ClaimError,
  checkClaim,
  parseClaimDocument,
  parseClaimLocation,
  parseRepository,
  pushClaimArtifact,
  readClaimArtifact,
} from "./claimsApi.ts";
import { checkWords } from "./claimWords.ts";
import { recordClaim, recordedJson } from "./recordClaim.ts";

/** The claims already in the repository's artifact (kept when ours is added); null when there is none, or it is not a claims document (then replaced, and said). */
async function existingDocument(
  client: RegistryClient,
  repository: RepositoryRef,
  note: (line: string) => void,
): Promise<ClaimDocument | null> {
  const where = `${repository.domain}/${repository.path}:${CLAIM_TAG}`;
  try {
    const artifact = await readClaimArtifact(client, repository);
    return parseClaimDocument(artifact.document, where);
  } catch (error) {
    if (error instanceof RegistryError && error.code === "not-found") return null;
    if (error instanceof ClaimError) {
      note(`${where} holds no readable claims document (${error.message}); it is replaced.`);
      return null;
    }
    throw error;
  }
}

/** "ghcr.io/acme/api" (Docker spellings normalized: "acme/api" is docker.io/acme/api) → the repository; null for a tag, a digest, a URL. */
function repositoryScope(text: string): { scope: string; domain: string; path: string } | null {
  const repository = parseRepository(text.trim());
  return repository === null
    ? null
    : { scope: repository.repository, domain: repository.domain, path: repository.path };
}

async function ask(run: ClaimRun, question: string): Promise<boolean> {
  if (run.options.yes) return true;
  try {
    return isYes(await run.deps.prompter.ask(question));
  } catch (error) {
    if (error instanceof PromptAbortedError) return false;
    throw error;
  }
}

export async function claimPush(run: ClaimRun): Promise<number> {
  const { report, options } = run;
  const repository = repositoryScope(run.argument);
  if (repository === null)
    return report.fail(
      `"${run.argument}" is not a repository: write it as docker does, without a tag (ghcr.io/acme/api, 127.0.0.1:5055/team/app). For a whole host, use claim well-known <domain>.`,
    );
  const location = parseClaimLocation(`oci://${repository.scope}`);
  const unattended = unattendedProblem(run.deps.prompter, options.yes, "Push");
  if (unattended !== null) return report.fail(unattended);
  const { account, resolved } = await signerOf(run);

  report.say([
    `Review: a claim to push${options.noRecord ? "" : " and record"}`,
    ...claimReview(
      [
        ["scope", `${repository.scope} (proves push rights to this repository, not to its namespace)`],
        ["artifact", `${repository.scope}:${CLAIM_TAG}`],
        [
          "location",
          options.noRecord
            ? `${location.location} (not recorded: --no-record)`
            : `${location.location} (recorded on chain)`,
        ],
      ],
      account.address,
      resolved,
    ),
  ]);
  if (!(await ask(run, `Push${options.noRecord ? "" : " and record"}? [y/N] `)))
    return report.fail("You declined, so nothing was signed, pushed or sent.", PUBLISH_EXIT.declined, "user-rejected");

  const { signedClaimDocument } = await import("./signClaim.ts");
  const repo = { domain: repository.domain, path: repository.path };
  const existing = await existingDocument(run.registryClient(), repo, report.note);
  const { claim, document, kept } = await signedClaimDocument(account, resolved, repository.scope, existing);
  const artifactDigest = await pushClaimArtifact(run.registryClient(), repo, document);
  report.note(
    `Pushed the claim to ${repository.scope}:${CLAIM_TAG} (manifest ${artifactDigest}${kept > 0 ? `, with the ${kept} other claim${kept === 1 ? "" : "s"} it held` : ""}).`,
  );

  let recorded = null;
  if (!options.noRecord) {
    const outcome = await recordClaim(run, account, resolved, location.location, true);
    if (outcome.kind === "failed") return outcome.status;
    if (outcome.kind === "already")
      report.note(`${location.location} is already recorded as your claim #${outcome.index}: not recorded again.`);
    recorded =
      outcome.kind === "recorded"
        ? recordedJson(outcome.outcome)
        : { index: outcome.index, location: location.location, transactionHash: null, blockNumber: null };
  }
  // As verifiers will check it (a registry that answers a pull differently from a push shows here).
  const check = await checkClaim(checkDepsOf(run, resolved), account.address, {
    location: location.location,
    withdrawnAt: null,
  });
  if (options.json) {
    report.json({
      command: "claim push",
      status: recorded === null ? "pushed" : "recorded",
      publisher: claim.publisher,
      scope: claim.scope,
      chainId: claim.chainId,
      registry: claim.registry,
      location: location.location,
      artifact: { reference: `${repository.scope}:${CLAIM_TAG}`, digest: artifactDigest },
      claim: recorded,
      check,
    });
  } else {
    report.say([
      `Pushed the claim for ${repository.scope}${recorded === null ? ` (not recorded on chain: imageseal claim record ${location.location})` : recorded.transactionHash === null ? ` (already recorded as claim #${recorded.index})` : ` and recorded it as claim #${recorded.index} in block ${recorded.blockNumber}, transaction ${recorded.transactionHash}`}.`,
      `  ${checkWords(check)}`,
    ]);
  }
  return PUBLISH_EXIT.ok;
}
