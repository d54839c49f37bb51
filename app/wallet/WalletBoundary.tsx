import { useEffect, type ReactNode } from "react";
import { useWalletState } from "./useWallet.ts";
import { requestWallet, walletWasUsed } from "./walletLoader.ts";

/**
 * Wraps the app in the wallet providers once the wallet chunk is loaded. Until then the
 * app renders without them; pages that need a wallet call `requestWallet`. Switching
 * re-mounts the page below, so long-lived work (an archive being inspected) lives in
 * stores outside React, not in component state.
 */
export function WalletBoundary({ children }: { children: ReactNode }) {
  const state = useWalletState();
  useEffect(() => {
    if (walletWasUsed()) requestWallet({ openConnectModal: false });
  }, []);
  if (state.status !== "ready") return <>{children}</>;
  const { Providers } = state.module;
  return <Providers>{children}</Providers>;
}
