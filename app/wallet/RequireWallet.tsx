import { type ReactNode, useEffect } from "react";
import { useWalletState } from "./useWallet.ts";
import { WalletScope } from "./WalletScope.tsx";
import { requestWallet } from "./walletLoader.ts";

/** Loads the wallet chunk for a page that needs it, and renders the page inside its providers once it is there. */
export function RequireWallet({ children }: { children: ReactNode }) {
  const state = useWalletState();
  useEffect(() => {
    requestWallet({ openConnectModal: false });
  }, []);
  if (state.status === "failed") {
    return (
      <p role="alert" className="card error">
        Wallet support failed to load ({state.error.message}).{" "}
        <button type="button" className="button" onClick={() => requestWallet({ openConnectModal: false })}>
          Retry
        </button>
      </p>
    );
  }
  return <WalletScope fallback={<p role="status">Loading wallet support…</p>}>{children}</WalletScope>;
}
