// Set around what is shown from a proof bundle: nothing under it may read from a chain
// (an ENS name, a list loaded on demand), so an offline verdict stays offline.
import { createContext, useContext } from "react";

export const NoNetworkContext = createContext(false);

/** True where the page must not touch the network. */
export function useNoNetwork(): boolean {
  return useContext(NoNetworkContext);
}
