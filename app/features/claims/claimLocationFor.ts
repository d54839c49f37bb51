// What the user types on the Publisher page ("127.0.0.1:5055/fixture/multi", "acme.com"),
// normalized (normalizeScope) → the location recorded on chain. A repository's claim lives in
// that repository (its reserved tag), a host's at its well-known URL; plain http only where
// docker allows it (this machine's hosts). parseClaimLocation checks the result.
import type { ClaimLocation } from "../../claims/claimCheck.ts";
import { ClaimError } from "../../claims/claimError.ts";
import { isLoopbackDomain, parseClaimLocation } from "../../claims/claimLocation.ts";

/** null when the scope makes no location a claim can live at. */
export function claimLocationFor(scope: string): ClaimLocation | null {
  try {
    if (scope.includes("/")) return parseClaimLocation(`oci://${scope}`);
    return parseClaimLocation(`${isLoopbackDomain(scope) ? "http" : "https"}://${scope}`);
  } catch (error) {
    if (error instanceof ClaimError) return null;
    throw error;
  }
}
