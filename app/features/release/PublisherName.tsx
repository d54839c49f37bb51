import { useQuery } from "@tanstack/react-query";
import type { Address } from "viem";
import { ensNameQuery } from "../../chain/queries/ensNameQuery.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { useRegistryChainById } from "../../config/useRegistryChainById.ts";
import { useNoNetwork } from "../../ui/noNetwork.ts";
import { PublisherAddress } from "../../ui/PublisherAddress.tsx";

/** A publisher's full address, with the ENS name it chose where its chain has ENS and the page may read it. */
export function PublisherName({ address, chainId }: { address: Address; chainId: number }) {
  const registryChain = useRegistryChainById(chainId);
  const noNetwork = useNoNetwork();
  if (noNetwork || !registryChain?.chain.contracts?.ensUniversalResolver) return <PublisherAddress address={address} />;
  return <WithEnsName registryChain={registryChain} address={address} />;
}

function WithEnsName({ registryChain, address }: { registryChain: RegistryChain; address: Address }) {
  const name = useQuery(ensNameQuery(registryChain, address));
  return <PublisherAddress address={address} ensName={name.data} />;
}
