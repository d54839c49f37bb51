import { useEffect } from "react";
import { walletWasUsed } from "./rememberedWallet.ts";
import { useWalletState } from "./useWallet.ts";
import { WalletScope } from "./WalletScope.tsx";
import { requestWallet } from "./walletLoader.ts";

/** RainbowKit's connect button once loaded; before that a plain button that loads it. */
export function WalletButton() {
  const state = useWalletState();
  useEffect(() => {
    // A wallet connected on an earlier visit comes back without a click.
    if (walletWasUsed()) requestWallet({ openConnectModal: false });
  }, []);
  if (state.status === "ready") {
    return (
      <WalletScope primary>
        <state.module.ConnectButton />
      </WalletScope>
    );
  }
  if (state.status === "failed") {
    return (
      <button
        type="button"
        className="button"
        onClick={() => requestWallet({ openConnectModal: true })}
        title={state.error.message}
      >
        Wallet failed to load — retry
      </button>
    );
  }
  return (
    <button
      type="button"
      className="button button-primary"
      disabled={state.status === "loading"}
      onClick={() => requestWallet({ openConnectModal: true })}
    >
      {state.status === "loading" ? "Loading wallets…" : "Connect wallet"}
    </button>
  );
}
