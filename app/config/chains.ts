// The chains the site and the CLI can read releases from: one list, built from the
// environment (the local chain) and the public deployments. Nothing else in the app
// hard-codes a chain, an RPC URL or a contract address.
import type { Address, Chain } from "viem";
import {
  arbitrum,
  arbitrumSepolia,
  base,
  baseSepolia,
  hardhat,
  mainnet,
  optimism,
  optimismSepolia,
  sepolia,
} from "viem/chains";
import { publicDeployments } from "./deployments.ts";
import type { AppEnv } from "./env.ts";

/** Chains a deployment may name; add one here to support it. */
export const supportedChains: readonly Chain[] = [
  hardhat,
  sepolia,
  mainnet,
  base,
  baseSepolia,
  optimism,
  optimismSepolia,
  arbitrum,
  arbitrumSepolia,
];

export interface RegistryChain {
  chain: Chain;
  /** The public JSON-RPC endpoint used for reading: no wallet needed. */
  rpcUrl: string;
  registry: Address;
  deployedOnBlock: bigint;
}

export class UnknownChainError extends Error {
  override readonly name = "UnknownChainError";
}

function findChain(chainId: number): Chain {
  const chain = supportedChains.find((candidate) => candidate.id === chainId);
  if (chain === undefined) throw new UnknownChainError(`Chain ${chainId} is not in app/config/chains.ts`);
  return chain;
}

function defaultRpcUrl(chain: Chain): string {
  const url = chain.rpcUrls.default.http[0];
  if (url === undefined) throw new UnknownChainError(`Chain ${chain.name} has no default RPC URL`);
  return url;
}

/** Every chain with an ImageRegistry, the local one first. */
export function registryChains(env: AppEnv): RegistryChain[] {
  const chains: RegistryChain[] = [];
  if (env.localRegistry !== undefined) {
    const local: Chain = { ...hardhat, rpcUrls: { default: { http: [env.localRpcUrl] } } };
    chains.push({
      chain: local,
      rpcUrl: env.localRpcUrl,
      registry: env.localRegistry.address,
      deployedOnBlock: env.localRegistry.deployedOnBlock,
    });
  }
  for (const deployment of publicDeployments) {
    const chain = findChain(deployment.chainId);
    const rpcUrl = env.rpcOverrides[chain.id] ?? defaultRpcUrl(chain);
    chains.push({
      chain: { ...chain, rpcUrls: { default: { http: [rpcUrl] } } },
      rpcUrl,
      registry: deployment.address,
      deployedOnBlock: deployment.deployedOnBlock,
    });
  }
  return chains;
}
