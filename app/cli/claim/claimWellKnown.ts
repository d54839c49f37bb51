// `imageseal claim well-known <domain> --out <file>`: the signed document for
// https://<domain>/.well-known/imageseal.json, written to a file for the domain's owner to serve.
// Control of the host is what it proves: for a registry served at that host, every repository.
import { readFile, writeFile } from "node:fs/promises";
import { unattendedProblem } from "../publish/commandContext.ts";
import { PUBLISH_EXIT } from "../publish/exitStatus.ts";
import { type ClaimRun, claimReview, signerOf } from "./claimContext.ts";
import {
  type ClaimDocument,
  isLoopbackDomain,
  parseClaimDocument,
  parseClaimLocation,
  parseDomain,
  WELL_KNOWN_PATH,
} from "./claimsApi.ts";
import { recordClaim, recordedJson } from "./recordClaim.ts";

/** The claims already in --out (a domain's file can hold several publishers' claims): kept. Rejects with ClaimError for a file that is not one. */
async function existingFile(file: string): Promise<ClaimDocument | null> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  return parseClaimDocument(bytes, file);
}

/** A host → its claim location: https, or http for this machine's loopback hosts (which app/claims allows for tests). */
function domainLocation(text: string): { scope: string; location: string } | null {
  const scope = parseDomain(text.trim());
  if (scope === null) return null;
  return { scope, location: `${isLoopbackDomain(scope) ? "http" : "https"}://${scope}` };
}

export async function claimWellKnown(run: ClaimRun): Promise<number> {
  const { report, options } = run;
  const domain = domainLocation(run.argument);
  if (domain === null)
    return report.fail(
      `"${run.argument}" is not a domain: give a host such as acme.com or registry.acme.com:5000 (no scheme, no path). For one repository, use claim push <repository>.`,
    );
  if (options.out === undefined)
    return report.fail("give --out <file>: the document to serve at https://<domain>/.well-known/imageseal.json");
  const location = parseClaimLocation(domain.location);
  if (options.record) {
    const unattended = unattendedProblem(run.deps.prompter, options.yes, "Record");
    if (unattended !== null) return report.fail(unattended);
  }
  const { account, resolved } = await signerOf(run);
  const { signedClaimDocument } = await import("./signClaim.ts");
  const { claim, document, kept } = await signedClaimDocument(
    account,
    resolved,
    domain.scope,
    await existingFile(options.out),
  );
  try {
    await writeFile(options.out, document);
  } catch (error) {
    return report.fail(
      `cannot write ${options.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const url = `${location.location}${WELL_KNOWN_PATH}`;
  report.say([
    `Wrote the claim for ${domain.scope} to ${options.out}${kept > 0 ? ` (with the ${kept} other claim${kept === 1 ? "" : "s"} it held)` : ""}. Serve it at ${url} (as JSON, publicly readable${location.location.startsWith("https:") ? ", over https" : ""}).`,
    ...claimReview(
      [
        ["scope", `${domain.scope} (proves control of this host)`],
        ["location", location.location],
      ],
      account.address,
      resolved,
    ),
  ]);
  let recorded = null;
  if (options.record) {
    const outcome = await recordClaim(run, account, resolved, location.location, false);
    if (outcome.kind === "failed") return outcome.status;
    recorded =
      outcome.kind === "recorded"
        ? recordedJson(outcome.outcome)
        : { index: outcome.index, location: location.location, transactionHash: null, blockNumber: null };
    report.say([
      outcome.kind === "recorded"
        ? `Recorded ${location.location} as claim #${outcome.outcome.index} in block ${outcome.outcome.receipt.blockNumber}.`
        : `${location.location} is already recorded as your claim #${outcome.index}.`,
    ]);
  } else {
    report.say([`Once it is served, record it: imageseal claim record ${location.location} --chain …`]);
  }
  if (options.json)
    report.json({
      command: "claim well-known",
      status: recorded === null ? "written" : "recorded",
      publisher: claim.publisher,
      scope: claim.scope,
      chainId: claim.chainId,
      registry: claim.registry,
      location: location.location,
      url,
      out: options.out,
      claim: recorded,
    });
  return PUBLISH_EXIT.ok;
}
