import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { ensNameQuery } from "../chain/queries/ensNameQuery.ts";
import type { RegistryChain } from "../config/chains.ts";
import { useRegistryChainById } from "../config/useRegistryChainById.ts";
import { routeHref } from "../routing/route.ts";
import { useNoNetwork } from "./noNetwork.ts";
import { UntrustedText } from "./UntrustedText.tsx";

/** A publisher: always the full address (a shortened one invites look-alikes), plus its ENS name where the chain has ENS (whoever owns the address chose it: shown as untrusted text). */
export function PublisherName({ address, chainId }: { address: Address; chainId: number }) {
  const registryChain = useRegistryChainById(chainId);
  const noNetwork = useNoNetwork();
  return (
    <span className="publisher-name">
      <a href={routeHref({ page: "publisher", address })}>
        <code>{address}</code>
      </a>
      {!noNetwork && registryChain?.chain.contracts?.ensUniversalResolver && (
        <EnsName registryChain={registryChain} address={address} />
      )}
    </span>
  );
}

function EnsName({ registryChain, address }: { registryChain: RegistryChain; address: Address }) {
  const name = useQuery(ensNameQuery(registryChain, address));
  return name.data ? (
    <strong className="ens-name">
      {" ("}
      <UntrustedText text={name.data} what="ENS name" />)
    </strong>
  ) : null;
}
