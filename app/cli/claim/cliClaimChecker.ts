// The claim checker a CLI verification hands the verdict (gatherEvidence's `claimChecker`):
// each publisher's claims read from the chain and checked now, at the repository's artifact
// or the domain's well-known file (app/claims), with the user's registry credentials.
// app/claims is loaded on the first check: most verifications check none.
import { isAppError } from "../../chain/errors.ts";
import type { RegistryClient } from "../../registry/client.ts";
import type { ClaimChecker } from "../../verdict/claimCandidates.ts";
import type { ResolvedChain } from "../verify/resolveChain.ts";

/**
 * `note` hears (once) when the chain's claims cannot be read (a registry deployed before claims
 * existed, an RPC that fails the call): the verification then goes on without claims, which can
 * only withhold trust (a --namespace grants nothing), never grant it.
 */
export function cliClaimChecker(
  resolved: ResolvedChain,
  registryClient: () => RegistryClient,
  note: (line: string) => void,
): ClaimChecker {
  let noted = false;
  // Made (docker's config read) only when a claim is fetched from a registry.
  const lazyClient: Pick<RegistryClient, "getManifest" | "getBlob"> = {
    getManifest: (repo, reference) => registryClient().getManifest(repo, reference),
    getBlob: (repo, digest, maxBytes) => registryClient().getBlob(repo, digest, maxBytes),
  };
  return async (publisher, only) => {
    const { checkPublisherClaims } = await import("./claimsApi.ts");
    try {
      return await checkPublisherClaims(
        {
          client: resolved.client,
          registry: resolved.registry.registry,
          chainId: resolved.chain.id,
          registryClient: lazyClient,
        },
        publisher,
        only,
      );
    } catch (error) {
      if (!isAppError(error)) throw error;
      if (!noted)
        note(
          `publishers' claims cannot be read from the registry (${error.message}); verifying without them: --namespace grants nothing.`,
        );
      noted = true;
      return [];
    }
  };
}
