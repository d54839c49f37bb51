// Wallet code (wagmi, RainbowKit, connectors) is a separate chunk that loads only when
// a page needs it: the user asks to connect, opens Publish, or connected before (so
// the session comes back). Verifying never loads it.
import { setWalletState, walletState } from "./walletStore.ts";

/** Loads the wallet chunk once; `openConnectModal` asks RainbowKit to open its modal when ready. */
export function requestWallet(options: { openConnectModal: boolean }): void {
  const state = walletState();
  if (state.status === "ready") {
    if (options.openConnectModal) setWalletState({ ...state, openConnectModal: true });
    return;
  }
  if (state.status === "loading") return;
  setWalletState({ status: "loading" });
  import("./walletModule.tsx").then(
    (module) =>
      setWalletState({ status: "ready", module: module.walletModule, openConnectModal: options.openConnectModal }),
    (error: unknown) =>
      setWalletState({ status: "failed", error: error instanceof Error ? error : new Error(String(error)) }),
  );
}
