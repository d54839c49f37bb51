// `imageseal claim record <location>` and `claim withdraw <index>`: the on-chain half of a
// claim, written from the publisher's key. A location is checked before it is recorded, and
// the result said: recording one that does not check out yet is allowed (the document may be
// served later), but verifiers will show it as failing until it does.
import { getClaims } from "../../chain/actions/getClaims.ts";
import { type WithdrawClaimResult, withdrawClaim } from "../../chain/actions/withdrawClaim.ts";
import { unattendedProblem } from "../publish/commandContext.ts";
import { confirmSend } from "../publish/confirmSend.ts";
import { PUBLISH_EXIT } from "../publish/exitStatus.ts";
import { localWriteClients } from "../publish/localWallet.ts";
import { sendAnyWrite } from "../publish/sendWrite.ts";
import { type ClaimRun, checkDepsOf, claimReview, signerOf } from "./claimContext.ts";
import { checkClaim, parseClaimLocation } from "./claimsApi.ts";
import { checkWords, provesWhat, utc } from "./claimWords.ts";
import { recordClaim, recordedJson } from "./recordClaim.ts";

export async function claimRecord(run: ClaimRun): Promise<number> {
  const { report, options } = run;
  const location = parseClaimLocation(run.argument.trim());
  const unattended = unattendedProblem(run.deps.prompter, options.yes, "Record");
  if (unattended !== null) return report.fail(unattended);
  const { account, resolved } = await signerOf(run);
  const check = await checkClaim(checkDepsOf(run, resolved), account.address, {
    location: location.location,
    withdrawnAt: null,
  });
  report.say([
    `Review: a claim to record`,
    ...claimReview(
      [
        ["location", location.location],
        ["proves", provesWhat(check)],
        ["checked now", checkWords(check)],
      ],
      account.address,
      resolved,
    ),
  ]);
  if (check.status === "failed")
    report.note(
      `${location.location} does not check out now: recording it anyway; verifiers will show it as failing until it does.`,
    );
  const outcome = await recordClaim(run, account, resolved, location.location, false);
  if (outcome.kind === "failed") return outcome.status;
  const recorded =
    outcome.kind === "recorded"
      ? recordedJson(outcome.outcome)
      : { index: outcome.index, location: location.location, transactionHash: null, blockNumber: null };
  if (options.json)
    report.json({
      command: "claim record",
      status: outcome.kind === "recorded" ? "recorded" : "already-recorded",
      publisher: account.address,
      location: location.location,
      claim: recorded,
      check,
    });
  else
    report.say([
      outcome.kind === "recorded"
        ? `Recorded ${location.location} as claim #${recorded.index} in block ${recorded.blockNumber}, transaction ${recorded.transactionHash}.`
        : `${location.location} is already recorded as your claim #${outcome.index}: nothing sent.`,
    ]);
  return PUBLISH_EXIT.ok;
}

export async function claimWithdraw(run: ClaimRun): Promise<number> {
  const { report, options } = run;
  if (!/^\d{1,3}$/.test(run.argument))
    return report.fail(
      `"${run.argument}" is not a claim index: a whole number, as imageseal claim list shows it (#0, #1…)`,
    );
  const index = Number(run.argument);
  const unattended = unattendedProblem(run.deps.prompter, options.yes, "Withdraw");
  if (unattended !== null) return report.fail(unattended);
  const { account, resolved } = await signerOf(run);
  const claim = (await getClaims(resolved.client, resolved.registry, account.address)).find(
    (entry) => entry.index === index,
  );
  report.say([
    `Review: a claim to withdraw`,
    ...claimReview(
      [
        ["claim", `#${index}`],
        [
          "location",
          claim === undefined
            ? "(none: you have no claim with this index; the registry will refuse)"
            : `${claim.location}, recorded ${utc(claim.addedAt)}${claim.withdrawnAt === null ? "" : `, withdrawn ${utc(claim.withdrawnAt)} already`}`,
        ],
      ],
      account.address,
      resolved,
    ),
  ]);
  const clients = localWriteClients(resolved, account, confirmSend(run.deps.prompter, options.yes, "Withdraw"));
  return sendAnyWrite<WithdrawClaimResult>(
    report,
    (writeOptions) => withdrawClaim(clients, resolved.registry, index, writeOptions),
    (outcome) => {
      if (options.json)
        report.json({
          command: "claim withdraw",
          status: "withdrawn",
          publisher: account.address,
          index: outcome.index,
          location: claim?.location ?? null,
          transactionHash: outcome.transactionHash,
          blockNumber: outcome.receipt.blockNumber.toString(),
        });
      else
        report.say([
          `Withdrew claim #${outcome.index}${claim === undefined ? "" : ` (${claim.location})`} in block ${outcome.receipt.blockNumber}, transaction ${outcome.transactionHash}. Verifiers no longer read it.`,
        ]);
    },
  );
}
