// Publisher page: "Claims". Every claim the publisher recorded on chain, each checked now
// from this browser; on your own page, the forms to make one and to withdraw.
import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import type { Address } from "viem";
import type { RegistryChain } from "../../config/chains.ts";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import { WalletScope } from "../../wallet/WalletScope.tsx";
import { ClaimCheckItem } from "./ClaimCheckItem.tsx";
import { claimChecksQuery } from "./claimsQuery.ts";

const OwnerClaims = lazy(() => import("./OwnerClaims.tsx"));

export function ClaimsSection({ registryChain, publisher }: { registryChain: RegistryChain; publisher: Address }) {
  const checks = useQuery(claimChecksQuery(registryChain, publisher));
  return (
    <section className="claims" aria-labelledby="claims-title">
      <h2 id="claims-title">Claims</h2>
      <p className="muted">
        What this publisher proves it controls: a repository (a signed artifact pushed into it — push rights to that one
        repository, not its namespace) or a host (a signed file at its <code>/.well-known/imageseal.json</code> — the
        whole host). Each is checked now, from this browser; one that does not check out is shown and never counts as
        trust.
      </p>
      {checks.isPending && <p role="status">Checking claims…</p>}
      {checks.isError && (
        <p role="alert">
          Could not read the claims: <UntrustedText text={checks.error.message} what="message" />
        </p>
      )}
      {checks.data?.length === 0 && <p role="status">No claims.</p>}
      {checks.data && checks.data.length > 0 && (
        <ul className="evidence" aria-label="Claims checked now">
          {checks.data.map((check, index) => (
            <ClaimCheckItem key={`${check.location.location} ${index}`} check={check} />
          ))}
        </ul>
      )}
      <WalletScope>
        <Suspense fallback={null}>
          <OwnerClaims registryChain={registryChain} publisher={publisher} />
        </Suspense>
      </WalletScope>
    </section>
  );
}
