// Records a claim location on chain (addClaim), unless the publisher already has it recorded
// and not withdrawn: a second record would only use up one of its 32 places.
import type { Address } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import { type AddClaimResult, addClaim } from "../../chain/actions/addClaim.ts";
import { getClaims } from "../../chain/actions/getClaims.ts";
import type { WriteOutcome } from "../../chain/runWrite.ts";
import { confirmSend } from "../publish/confirmSend.ts";
import { localWriteClients } from "../publish/localWallet.ts";
import { sendAnyWrite } from "../publish/sendWrite.ts";
import type { ResolvedChain } from "../verify/resolveChain.ts";
import type { ClaimRun } from "./claimContext.ts";

type RecordOutcome =
  | { kind: "recorded"; outcome: WriteOutcome<AddClaimResult> }
  | { kind: "already"; index: number }
  | { kind: "failed"; status: number };

export async function recordClaim(
  run: ClaimRun,
  account: PrivateKeyAccount,
  resolved: ResolvedChain,
  location: string,
  confirmed: boolean,
): Promise<RecordOutcome> {
  const publisher: Address = account.address;
  const existing = (await getClaims(resolved.client, resolved.registry, publisher)).find(
    (claim) => claim.location === location && claim.withdrawnAt === null,
  );
  if (existing !== undefined) return { kind: "already", index: existing.index };
  // Asked once already (push): the transaction is then sent without asking again.
  const clients = localWriteClients(
    resolved,
    account,
    confirmSend(run.deps.prompter, confirmed || run.options.yes, "Record"),
  );
  let recorded: WriteOutcome<AddClaimResult> | undefined;
  const status = await sendAnyWrite<AddClaimResult>(
    run.report,
    (options) => addClaim(clients, resolved.registry, location, options),
    (outcome) => {
      recorded = outcome;
    },
  );
  return recorded === undefined ? { kind: "failed", status } : { kind: "recorded", outcome: recorded };
}

export function recordedJson(outcome: WriteOutcome<AddClaimResult>) {
  return {
    index: outcome.index,
    location: outcome.location,
    transactionHash: outcome.transactionHash,
    blockNumber: outcome.receipt.blockNumber.toString(),
  };
}
