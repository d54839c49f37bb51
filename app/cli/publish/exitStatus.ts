// Exit statuses of publish, sign and submit, for pipelines to branch on.
import { isAppError } from "../../chain/errors.ts";

export const PUBLISH_EXIT = {
  ok: 0,
  /** The chain (or the registry's rules, checked before sending) refused: already published, stale signature… */
  refused: 1,
  /** Bad input: usage, an unreadable/tampered/unsupported archive, a key problem, an unknown chain or an RPC that does not answer. */
  badInput: 2,
  /** The person at the terminal answered no. */
  declined: 3,
  interrupted: 130,
} as const;

/** The status for an error an action rejected with: what the registry refuses is 1, what the user rejected 3, the rest 2. */
export function exitStatusOf(error: unknown): number {
  if (!isAppError(error)) return PUBLISH_EXIT.badInput;
  switch (error.kind) {
    case "contract-revert":
    case "insufficient-funds":
      return PUBLISH_EXIT.refused;
    case "user-rejected":
      return PUBLISH_EXIT.declined;
    case "signed-release-invalid":
      // A damaged file, or one for another chain or registry than asked, is the input's fault;
      // an expired, voided or unauthorised signature is the registry's refusal, said before sending.
      return ["malformed", "old-version", "wrong-chain", "wrong-registry"].includes(error.problem)
        ? PUBLISH_EXIT.badInput
        : PUBLISH_EXIT.refused;
    default:
      return PUBLISH_EXIT.badInput;
  }
}
