// The page's claim checks: the registry chain's public client for claimsOf and signatures,
// an anonymous registry client (a page never sends credentials to check a claim), and the
// browser's fetch for well-known files.

import { publicClientFor } from "../../chain/publicClient.ts";
import { checkPublisherClaims } from "../../claims/checkClaim.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { RegistryClient } from "../../registry/client.ts";
import type { ClaimChecker } from "../../verdict/claimCandidates.ts";

export function claimCheckerFor(registryChain: RegistryChain): ClaimChecker {
  const deps = {
    client: publicClientFor(registryChain),
    registry: registryChain.registry,
    chainId: registryChain.chain.id,
    registryClient: new RegistryClient(),
  };
  return (publisher, only) => checkPublisherClaims(deps, publisher, only);
}
