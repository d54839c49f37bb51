import type { Client } from "viem";
import { getChainId } from "viem/actions";

/** The client's chain id: from its configured chain when it has one, else asked of the RPC. */
export async function chainIdOf(client: Client): Promise<number> {
  return client.chain?.id ?? getChainId(client);
}
