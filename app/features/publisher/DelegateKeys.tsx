import { useQuery } from "@tanstack/react-query";
import { lazy, Suspense } from "react";
import type { Address } from "viem";
import type { RegistryChain } from "../../config/chains.ts";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import { WalletScope } from "../../wallet/WalletScope.tsx";
import { DelegationList } from "./DelegationList.tsx";
import { delegationsQuery } from "./delegationsQuery.ts";

const OwnerDelegation = lazy(() => import("./OwnerDelegation.tsx"));
const RevokeDelegateControl = lazy(() => import("./RevokeDelegateControl.tsx"));

/** A publisher's delegate keys, for anyone to read; on your own page, with the forms to grant, revoke and cancel. */
export function DelegateKeys({ registryChain, publisher }: { registryChain: RegistryChain; publisher: Address }) {
  const listing = useQuery(delegationsQuery(registryChain, publisher));
  return (
    <section className="delegate-keys" aria-labelledby="delegate-keys-title">
      <h2 id="delegate-keys-title">Delegate keys</h2>
      <p className="muted">
        Keys this publisher allowed to publish names under a prefix on its behalf, until an expiry. A revoked or expired
        key's releases do not count.
      </p>
      {listing.isPending && <p role="status">Reading delegate keys…</p>}
      {listing.isError && (
        <p role="alert">
          Could not read the delegate keys: <UntrustedText text={listing.error.message} what="message" />
        </p>
      )}
      {listing.data && !listing.data.complete && (
        <p role="alert">
          Some blocks could not be read ({listing.data.gaps.map((gap) => `${gap.fromBlock}–${gap.toBlock}`).join(", ")}
          ): keys granted there are missing.
        </p>
      )}
      {listing.data?.delegations.length === 0 && <p role="status">No delegate keys.</p>}
      {listing.data && listing.data.delegations.length > 0 && (
        <DelegationList
          delegations={listing.data.delegations}
          actions={(delegation) =>
            delegation.revokedAt === null && (
              <WalletScope>
                <Suspense fallback={null}>
                  <RevokeDelegateControl
                    registryChain={registryChain}
                    publisher={publisher}
                    delegate={delegation.delegate}
                  />
                </Suspense>
              </WalletScope>
            )
          }
        />
      )}
      <WalletScope>
        <Suspense fallback={null}>
          <OwnerDelegation registryChain={registryChain} publisher={publisher} />
        </Suspense>
      </WalletScope>
    </section>
  );
}
