import { useSyncExternalStore } from "react";
import { subscribeWallet, walletState, type WalletState } from "./walletLoader.ts";

export function useWalletState(): WalletState {
  return useSyncExternalStore(subscribeWallet, walletState);
}
