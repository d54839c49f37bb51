// A claim signed by the publisher's key: EIP-712 in the ImageSeal registry's domain (so a claim
// for one chain or registry says nothing on another), as app/claims defines and checks it,
// and the document that carries it: the claims already there (other publishers', other
// chains') kept, this publisher's earlier claim for the same scope, chain and registry replaced.
import type { PrivateKeyAccount } from "viem/accounts";
import type { ResolvedChain } from "../verify/resolveChain.ts";
import { type ClaimDocument, makeClaimDocument, type SignedClaim, signClaim, withClaim } from "./claimsApi.ts";

export async function signedClaimDocument(
  account: PrivateKeyAccount,
  resolved: ResolvedChain,
  scope: string,
  existing: ClaimDocument | null,
): Promise<{ claim: SignedClaim; document: Uint8Array; kept: number }> {
  const claim = await signClaim(account, { chainId: resolved.chain.id, registry: resolved.registry.registry, scope });
  const claims = withClaim(existing, claim);
  return { claim, document: makeClaimDocument(claims), kept: claims.length - 1 };
}
