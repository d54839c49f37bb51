import type { Address } from "viem";
import { getEnsName } from "viem/actions";
import { withAppErrors } from "../errors.ts";
import type { ReadClient } from "../readClient.ts";

/** Whether the client's chain has ENS (a universal resolver), so a reverse lookup means something. */
export function chainHasEns(client: ReadClient): boolean {
  return client.chain?.contracts?.ensUniversalResolver !== undefined;
}

/**
 * The address's primary ENS name on the client's own chain, or null (no ENS on this chain,
 * or no name). Only the registry chain's RPC is asked: no other endpoint is contacted.
 */
export async function lookupEnsName(client: ReadClient, address: Address): Promise<string | null> {
  if (!chainHasEns(client)) return null;
  return withAppErrors(() => getEnsName(client, { address }), { chainId: client.chain?.id });
}
