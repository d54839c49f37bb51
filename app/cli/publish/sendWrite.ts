// Runs a publishing action (which simulates, has the local wallet ask and sign, sends and
// waits) and reports it: each phase as a note on stderr, then the releases recorded, or the
// failure in the registry's words with the exit status a pipeline branches on.
import type { Address, Chain } from "viem";
import type { PublishResult } from "../../chain/actions/publishRelease.ts";
import { toAppError } from "../../chain/errors.ts";
import type { WriteOptions, WriteOutcome, WritePhase } from "../../chain/runWrite.ts";
import type { Reporter } from "./commandContext.ts";
import { exitStatusOf, PUBLISH_EXIT } from "./exitStatus.ts";
import { publishedJson, publishedLines } from "./publishedOutput.ts";

interface SendTarget {
  command: string;
  chain: Chain;
  registry: Address;
  json: boolean;
}

function noteOf<TResult>(phase: WritePhase<TResult>): string | null {
  switch (phase.status) {
    case "simulating":
      return "Simulating the transaction…";
    case "awaiting-signature":
      return "The simulation passed: the registry accepts it.";
    case "pending":
      return `Sent transaction ${phase.transactionHash}; waiting for its block…`;
    default:
      return null;
  }
}

export async function sendWrite(
  report: Reporter,
  target: SendTarget,
  write: (options: WriteOptions<PublishResult>) => Promise<WriteOutcome<PublishResult>>,
): Promise<number> {
  return sendAnyWrite(report, write, (outcome) => {
    if (target.json) report.json(publishedJson(target.command, outcome, target.chain, target.registry));
    else report.say(publishedLines(outcome, target.chain));
  });
}

/** Any write (a claim recorded or withdrawn too): its phases as notes, a refusal as an exit status, `done` on success. */
export async function sendAnyWrite<TResult>(
  report: Reporter,
  write: (options: WriteOptions<TResult>) => Promise<WriteOutcome<TResult>>,
  done: (outcome: WriteOutcome<TResult>) => void,
): Promise<number> {
  let outcome: WriteOutcome<TResult>;
  try {
    outcome = await write({
      onPhase: (phase) => {
        const note = noteOf(phase);
        if (note !== null) report.note(note);
      },
    });
  } catch (thrown) {
    const error = toAppError(thrown);
    const status = exitStatusOf(error);
    const message = status === PUBLISH_EXIT.declined ? "You declined, so nothing was signed or sent." : error.message;
    return report.fail(message, status, error.kind);
  }
  done(outcome);
  return PUBLISH_EXIT.ok;
}
