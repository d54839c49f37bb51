// The steps of making a claim on your own Publisher page: sign → (push | download) → record.
import { useCallback, useState } from "react";
import type { WriteClients } from "../../chain/runWrite.ts";
import type { SignedClaim } from "../../claims/claimDocument.ts";
import type { RegistryChain } from "../../config/chains.ts";
import type { Digest } from "../../image/digest.ts";
import type { RegistryCredentials } from "../../registry/client.ts";
import { registryErrorWords } from "../reference/registryErrorWords.ts";
import { pushClaim, signClaim } from "./createClaim.ts";

type CreateClaimState =
  | { step: "idle" }
  | { step: "signing"; scope: string }
  | { step: "pushing"; claim: SignedClaim }
  /** Signed and, for a repository, pushed: ready to record (a host's file still to be served). */
  | { step: "ready"; claim: SignedClaim; artifactDigest: Digest | null }
  | { step: "failed"; message: string; claim: SignedClaim | null };

export function useCreateClaim(registryChain: RegistryChain) {
  const [state, setState] = useState<CreateClaimState>({ step: "idle" });

  const push = useCallback(async (claim: SignedClaim, credentials: RegistryCredentials | null) => {
    setState({ step: "pushing", claim });
    try {
      setState({ step: "ready", claim, artifactDigest: await pushClaim(claim, credentials) });
    } catch (error) {
      setState({
        step: "failed",
        claim,
        message: `The claim is signed but could not be pushed: ${registryErrorWords(error, claim.scope).message}`,
      });
    }
  }, []);

  const create = useCallback(
    async (
      clients: WriteClients,
      scope: string,
      kind: "repository" | "domain",
      credentials: RegistryCredentials | null,
    ) => {
      setState({ step: "signing", scope });
      let claim: SignedClaim;
      try {
        claim = await signClaim(clients, registryChain, scope);
      } catch (error) {
        setState({ step: "failed", claim: null, message: error instanceof Error ? error.message : String(error) });
        return;
      }
      if (kind === "domain") setState({ step: "ready", claim, artifactDigest: null });
      else await push(claim, credentials);
    },
    [registryChain, push],
  );

  return { state, create, retryPush: push, reset: useCallback(() => setState({ step: "idle" }), []) };
}
