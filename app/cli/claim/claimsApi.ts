// Everything the claim commands use from app/claims, in one place: the CLI's view of it.
export { checkClaim, checkPublisherClaims } from "../../claims/checkClaim.ts";
export { CLAIM_TAG, pushClaimArtifact, readClaimArtifact } from "../../claims/claimArtifact.ts";
export type { ClaimCheck, ClaimLocation } from "../../claims/claimCheck.ts";
export {
  type ClaimDocument,
  makeClaimDocument,
  parseClaimDocument,
  type SignedClaim,
  withClaim,
} from "../../claims/claimDocument.ts";
export { ClaimError } from "../../claims/claimError.ts";
export { isLoopbackDomain, parseClaimLocation } from "../../claims/claimLocation.ts";
export { parseDomain, parseRepository } from "../../claims/scope.ts";
export { signClaim } from "../../claims/signClaim.ts";
export { WELL_KNOWN_PATH } from "../../claims/wellKnown.ts";
