// Test-only: the AppError a promise rejects with (failing the test if it resolves or rejects
// with anything else), and a signed-release refusal's problem in one comparable string.
import assert from "node:assert/strict";
import { type AppError, isAppError } from "../errors.ts";

export async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => assert.fail("expected a rejection"),
    (e: unknown) => e,
  );
  assert.ok(isAppError(error), `not an AppError: ${String(error)}`);
  return error;
}

/** `stale-nonce` for a signed-release refusal; `kind: message` for anything else, so a wrong kind shows why. */
export function problemOf(error: AppError): string {
  return error.kind === "signed-release-invalid" ? error.problem : `${error.kind}: ${error.message}`;
}
