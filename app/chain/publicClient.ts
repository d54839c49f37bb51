// Read-only clients, one per chain, created on first use. Reading the registry never
// needs a wallet: every read goes over the chain's public JSON-RPC endpoint.
import type { RegistryChain } from "../config/chains.ts";
import { createReadClient, type ReadClient } from "./readClient.ts";

const clients = new Map<string, ReadClient>();

export function publicClientFor(registryChain: RegistryChain): ReadClient {
  const key = `${registryChain.chain.id}:${registryChain.rpcUrl}`;
  let client = clients.get(key);
  if (client === undefined) {
    client = createReadClient(registryChain.chain, registryChain.rpcUrl);
    clients.set(key, client);
  }
  return client;
}
