import { useSyncExternalStore } from "react";
import { subscribeWallet, type WalletState, walletState } from "./walletStore.ts";

export function useWalletState(): WalletState {
  return useSyncExternalStore(subscribeWallet, walletState);
}
