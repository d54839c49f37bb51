// `imageseal claim check <location> --publisher <address>`: one location checked as a verifier
// would check it for that publisher, whether or not it is recorded on chain: for a domain's
// owner before serving or recording the file, or for anyone asking "does this still hold?".
import { PUBLISH_EXIT } from "../publish/exitStatus.ts";
import { parsePublisher } from "../publish/runPublish.ts";
import { type ClaimRun, chainOf, checkDepsOf } from "./claimContext.ts";
import { checkClaim, parseClaimLocation } from "./claimsApi.ts";
import { checkWords } from "./claimWords.ts";

/** Exit status of a check that ran: a failed claim is not bad input. */
const CHECK_FAILED = 1;

export async function claimCheck(run: ClaimRun): Promise<number> {
  const { report, options } = run;
  const location = parseClaimLocation(run.argument.trim());
  const publisher = parsePublisher(options.publisher);
  if (publisher === undefined || publisher === null)
    return report.fail(
      `give --publisher <address>: whose claim to look for at ${location.location}${options.publisher === undefined ? "" : ` ("${options.publisher}" is not an address)`}`,
    );
  const resolved = await chainOf(run);
  const check = await checkClaim(checkDepsOf(run, resolved), publisher, {
    location: location.location,
    withdrawnAt: null,
  });
  if (options.json)
    report.json({
      command: "claim check",
      publisher,
      chainId: resolved.chain.id,
      registry: resolved.registry.registry,
      location: location.location,
      check,
    });
  else
    report.say([
      `${location.location} for ${publisher} (${resolved.chain.name}, registry ${resolved.registry.registry}):`,
      `  ${checkWords(check)}`,
    ]);
  return check.status === "proven" ? PUBLISH_EXIT.ok : CHECK_FAILED;
}
