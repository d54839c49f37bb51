// The rows of the name page: one per publisher and spelling of the name it published, with
// what the user's trust says about it. Pure, so the order and the trust words are tested
// without a page.
import type { Address } from "viem";
import type { NameClaim } from "../../chain/actions/findNameClaims.ts";
import { namespacesFor, type Trust, trustBasis } from "../../verdict/trust.ts";

/** How the user trusts a publisher for this name. "scope": only if it proves control of a trusted repository or host. */
type NameTrust = "any-name" | "this-name" | "scope" | "none";

export interface NamePublisher {
  publisher: Address;
  /** The name byte for byte as this publisher published it (one of the searched spellings). */
  name: string;
  trust: NameTrust;
  releaseCount: number;
  newestId: bigint;
  newestBlock: bigint;
  firstBlock: bigint;
}

export function nameTrust(trust: Trust, publisher: Address, name: string): NameTrust {
  const basis = trustBasis(trust, publisher, name);
  if (basis === "publisher") return "any-name";
  if (basis === "pin") return "this-name";
  // A proven claim counts only when a verification checks it now; the page says so.
  return basis === "controller" || namespacesFor(trust, name).length > 0 ? "scope" : "none";
}

const RANK: Record<NameTrust, number> = { "any-name": 0, "this-name": 0, scope: 1, none: 2 };

/** Trusted publishers first; then the first to publish the name (squatters come later or not at all). */
export function namePublishers(claims: readonly NameClaim[], trust: Trust): NamePublisher[] {
  return claims
    .flatMap((claim): NamePublisher[] => {
      const newestId = claim.releaseIds.at(-1);
      if (newestId === undefined) return [];
      return [
        {
          publisher: claim.publisher,
          name: claim.name,
          trust: nameTrust(trust, claim.publisher, claim.name),
          releaseCount: claim.releaseIds.length,
          newestId,
          newestBlock: claim.lastBlock,
          firstBlock: claim.firstBlock,
        },
      ];
    })
    .sort(
      (a, b) =>
        RANK[a.trust] - RANK[b.trust] || (a.firstBlock === b.firstBlock ? 0 : a.firstBlock < b.firstBlock ? -1 : 1),
    );
}

/** The words for a row's trust, naming what the user set up. */
export function nameTrustWords(trust: NameTrust): string {
  switch (trust) {
    case "any-name":
      return "You trust this publisher for every name.";
    case "this-name":
      return "You trust this publisher for this name.";
    case "scope":
      return "Trusted only if it proves control of a repository or host you trust: verifying an image checks that.";
    case "none":
      return "You do not trust this publisher.";
  }
}
