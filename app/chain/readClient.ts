// The client every read takes: a bare viem Client on one chain. Not viem's PublicClient,
// whose decorator bundles every public action into the page (~43 KiB gzipped of the
// Verify page's first load); the actions here import only the viem actions they call.
import { type Chain, type Client, createClient, type Transport } from "viem";
import { readTransport } from "./readTransport.ts";

export type ReadClient = Client<Transport, Chain | undefined>;

/** viem's default: an RPC that has not answered in 10 s is retried once, then reported. */
const READ_TIMEOUT_MS = 10_000;

export function createReadClient(chain: Chain, rpcUrl: string): ReadClient {
  // Never re-sends an answer that was too large (a flooded name's logs): see readTransport.ts.
  return createClient({ chain, transport: readTransport(rpcUrl, { timeout: READ_TIMEOUT_MS }) });
}
