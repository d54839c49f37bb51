// What checking a publisher's claim found, for the verdict, the page and the CLI alike. A claim
// is a publisher's statement "I control <scope>", recorded on chain and backed by a signed
// document at a place only the scope's controller can write (a repository's reserved tag, a
// domain's well-known URL). Only a claim checked during this verification ("proven") may
// count as trust; a failed one is shown, never counted.
import type { Address } from "viem";
import type { Digest } from "../image/digest.ts";

/** A repository's artifact proves push rights to that repository; a domain's file proves control of that host. */
type ClaimKind = "repository" | "domain";

export interface ClaimLocation {
  kind: ClaimKind;
  /** A repository "127.0.0.1:5055/fixture/multi", "docker.io/acme/api"; or a host "acme.com", "localhost:5099". */
  scope: string;
  /** As recorded on chain: "oci://<repository>" or "https://<host>" (http only for localhost and 127.0.0.0/8). */
  location: string;
}

/** Why a claim does not check out. */
export type ClaimFailure =
  | "gone"
  | "no-claim-for-publisher"
  | "signature"
  | "other-chain"
  | "other-registry"
  | "malformed"
  | "unreachable"
  | "browser-blocked"
  | "unauthorized"
  | "withdrawn";

export type ClaimCheck =
  | {
      status: "proven";
      publisher: Address;
      location: ClaimLocation;
      /** Where the signed document was read, and the artifact's manifest digest for a repository claim. */
      evidence: { url: string; artifactDigest: Digest | null };
      /** Unix seconds. */
      checkedAt: number;
    }
  | {
      status: "failed";
      publisher: Address;
      location: ClaimLocation;
      reason: ClaimFailure;
      message: string;
      checkedAt: number;
    };

export type ProvenClaim = Extract<ClaimCheck, { status: "proven" }>;

export function isProven(check: ClaimCheck): check is ProvenClaim {
  return check.status === "proven";
}
