// Read-only clients, one per chain, created on first use. Reading the registry never
// needs a wallet: every read goes over the chain's public JSON-RPC endpoint.
import { createPublicClient, http, type PublicClient } from "viem";
import type { RegistryChain } from "../config/chains.ts";

const clients = new Map<string, PublicClient>();

export function publicClientFor(registryChain: RegistryChain): PublicClient {
  const key = `${registryChain.chain.id}:${registryChain.rpcUrl}`;
  let client = clients.get(key);
  if (client === undefined) {
    client = createPublicClient({ chain: registryChain.chain, transport: http(registryChain.rpcUrl, { retryCount: 1 }) });
    clients.set(key, client);
  }
  return client;
}
