import { useQuery } from "@tanstack/react-query";
import { releaseQuery } from "../../chain/queries/releaseQueries.ts";
import type { Release } from "../../chain/release.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { useRegistryChainById } from "../../config/useRegistryChainById.ts";
import { routeHref } from "../../routing/route.ts";
import { ReleaseCard } from "../../ui/ReleaseCard.tsx";
import { Revocation } from "../../ui/Revocation.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import { releaseDelegationQuery } from "./releaseDelegationQuery.ts";

/** `#/release/<chainId>/<id>`: one release, shareable. */
export function ReleasePage({ chainId, id }: { chainId: number; id: bigint }) {
  const registryChain = useRegistryChainById(chainId);
  if (registryChain === null) {
    return (
      <section className="page">
        <h1>Release {id.toString()}</h1>
        <p role="alert">This site is not configured for chain {chainId}, so it cannot read that release.</p>
      </section>
    );
  }
  return <ReleaseOn registryChain={registryChain} id={id} />;
}

function ReleaseOn({ registryChain, id }: { registryChain: RegistryChain; id: bigint }) {
  const release = useQuery(releaseQuery(registryChain, id));
  return (
    <section className="page" aria-labelledby="release-title">
      <h1 id="release-title">Release {id.toString()}</h1>
      {release.isPending && (
        <p role="status">
          Reading release {id.toString()} from {registryChain.chain.name}…
        </p>
      )}
      {release.isError && (
        <p role="alert">
          <UntrustedText text={release.error.message} what="message" />
        </p>
      )}
      {release.data && (
        <>
          <ReleaseWithDelegation registryChain={registryChain} release={release.data} />
          <p>
            <a href={routeHref({ page: "publisher", address: release.data.publisher }, { name: release.data.name })}>
              History of <UntrustedText text={release.data.name} what="name" flag={false} /> by this publisher
            </a>
            {release.data.imageId && (
              <>
                {" · "}
                <a href={routeHref({ page: "digest", digest: release.data.imageId })}>Every release of this image</a>
              </>
            )}
          </p>
        </>
      )}
    </section>
  );
}

/** A delegated release that no longer counts says why: the delegation is read for it. */
function ReleaseWithDelegation({ registryChain, release }: { registryChain: RegistryChain; release: Release }) {
  const delegation = useQuery(releaseDelegationQuery(registryChain, release));
  return (
    <ReleaseCard
      release={release}
      chain={registryChain.chain}
      headingLevel={2}
      delegation={release.signer === null ? undefined : delegation.data}
    >
      <Revocation registryChain={registryChain} release={release} />
    </ReleaseCard>
  );
}
