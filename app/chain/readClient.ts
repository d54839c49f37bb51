// The client every read takes: a bare viem Client on one chain. Not viem's PublicClient,
// whose decorator bundles every public action into the page (~43 KiB gzipped of the
// Verify page's first load); the actions here import only the viem actions they call.
import { createClient, http, type Chain, type Client, type Transport } from "viem";

export type ReadClient = Client<Transport, Chain | undefined>;

export function createReadClient(chain: Chain, rpcUrl: string): ReadClient {
  return createClient({ chain, transport: http(rpcUrl, { retryCount: 1 }) });
}
