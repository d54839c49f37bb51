// Making a claim, as plain actions: the wallet signs "I, publisher, control <scope>" (EIP-712,
// no transaction), then the signed document goes where only the scope's controller can write
// it — pushed into the repository from this browser (kept with other publishers' claims already
// there), or saved for the host's well-known URL. Recording its location on chain is a separate
// write (addClaim), shown with its phases.
import { withAppErrors } from "../../chain/errors.ts";
import { preflight, type WriteClients } from "../../chain/runWrite.ts";
import { pushClaimArtifact, readClaimArtifact } from "../../claims/claimArtifact.ts";
import { makeClaimDocument, parseClaimDocument, type SignedClaim, withClaim } from "../../claims/claimDocument.ts";
import { signClaim as signWithWallet } from "../../claims/signClaim.ts";
import type { RegistryChain } from "../../config/chains.ts";
import type { Digest } from "../../image/digest.ts";
import { RegistryClient, type RegistryCredentials } from "../../registry/client.ts";
import { RegistryError } from "../../registry/errors.ts";

/** The wallet's signature over (its address, scope) in this registry's EIP-712 domain, after checking it is on the registry's chain. */
export async function signClaim(
  clients: WriteClients,
  registryChain: RegistryChain,
  scope: string,
): Promise<SignedClaim> {
  return withAppErrors(
    async () => {
      const { chainId } = await preflight(clients, registryChain.registry);
      return signWithWallet(clients.walletClient, { chainId, registry: registryChain.registry, scope });
    },
    { registry: registryChain.registry, chainId: registryChain.chain.id },
  );
}

/** The document to serve at a host's /.well-known/imageseal.json, as text. */
export function claimDocumentText(claim: SignedClaim): string {
  return new TextDecoder().decode(makeClaimDocument([claim]));
}

/**
 * Pushes the signed claim into its repository (tag imageseal-claim), keeping the other claims
 * the artifact there already holds; returns the new manifest digest.
 */
export async function pushClaim(claim: SignedClaim, credentials: RegistryCredentials | null): Promise<Digest> {
  const slash = claim.scope.indexOf("/");
  const repository = { domain: claim.scope.slice(0, slash), path: claim.scope.slice(slash + 1) };
  const client = new RegistryClient({
    credentials: async (asked) => (credentials !== null && asked === repository.domain ? credentials : null),
  });
  let existing = null;
  try {
    const artifact = await readClaimArtifact(client, repository);
    existing = parseClaimDocument(artifact.document, `${claim.scope}:imageseal-claim`);
  } catch (error) {
    // No artifact yet (404) starts a new one; an unreadable one is replaced by ours.
    if (error instanceof RegistryError && error.code !== "not-found") throw error;
  }
  return pushClaimArtifact(client, repository, makeClaimDocument(withClaim(existing, claim)));
}
