import { useQuery } from "@tanstack/react-query";
import { releaseQuery } from "../../chain/queries/releaseQueries.ts";
import type { Release } from "../../chain/release.ts";
import { formatReleaseId } from "../../chain/releaseId.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { useRegistryChainById } from "../../config/useRegistryChainById.ts";
import { routeHref } from "../../routing/route.ts";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import { ChainReleaseCard } from "./ChainReleaseCard.tsx";
import { releaseDelegationQuery } from "./releaseDelegationQuery.ts";

/** `#/release/<chainId>/<id>` (the id readable, "1-0", or decimal): one release, shareable. */
export function ReleasePage({ chainId, id }: { chainId: number; id: bigint }) {
  const registryChain = useRegistryChainById(chainId);
  if (registryChain === null) {
    return (
      <section className="page">
        <h1>Release {formatReleaseId(id)}</h1>
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
      <h1 id="release-title">Release {formatReleaseId(id)}</h1>
      {release.isPending && (
        <p role="status">
          Reading release {formatReleaseId(id)} from {registryChain.chain.name}…
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
    <ChainReleaseCard
      release={release}
      registryChain={registryChain}
      headingLevel={2}
      readRevocation
      delegation={release.signer === null ? undefined : delegation.data}
    />
  );
}
