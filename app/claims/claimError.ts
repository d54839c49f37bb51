// One error type for everything that stops a claim from checking out, carrying the failure a
// ClaimCheck reports (claimCheck.ts): a location or document that does not parse is
// "malformed", a well-known file that answers 404 is "gone", and so on. checkClaim turns it
// into a failed check; the CLI and the page show `message`, which says what to do.
import type { ClaimFailure } from "./claimCheck.ts";

export class ClaimError extends Error {
  override readonly name = "ClaimError";
  readonly reason: ClaimFailure;
  constructor(reason: ClaimFailure, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.reason = reason;
  }
}
