// Wallet code (wagmi, RainbowKit, connectors) is a separate chunk that loads only when
// a page needs it: the user asks to connect, opens Publish, or connected before (so
// the session comes back). Verifying never loads it.
import type { WalletModule } from "./walletModule.tsx";

export type WalletState =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "ready"; module: WalletModule; openConnectModal: boolean }
  | { status: "failed"; error: Error };

const USED_KEY = "imageseal.wallet.used";
let state: WalletState = { status: "idle" };
const listeners = new Set<() => void>();

function set(next: WalletState): void {
  state = next;
  for (const listener of listeners) listener();
}

export function walletState(): WalletState {
  return state;
}

export function subscribeWallet(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Loads the wallet chunk once; `openConnectModal` asks RainbowKit to open its modal when ready. */
export function requestWallet(options: { openConnectModal: boolean }): void {
  if (state.status === "ready") {
    if (options.openConnectModal) set({ ...state, openConnectModal: true });
    return;
  }
  if (state.status === "loading") return;
  set({ status: "loading" });
  import("./walletModule.tsx").then(
    (module) => set({ status: "ready", module: module.walletModule, openConnectModal: options.openConnectModal }),
    (error: unknown) => set({ status: "failed", error: error instanceof Error ? error : new Error(String(error)) }),
  );
}

/** Called once the modal request was handled, so it opens once per click. */
export function connectModalOpened(): void {
  if (state.status === "ready" && state.openConnectModal) set({ ...state, openConnectModal: false });
}

/** Remembers that this browser connected a wallet, so the next visit reconnects it. */
export function rememberWalletUse(used: boolean): void {
  if (used) window.localStorage.setItem(USED_KEY, "1");
  else window.localStorage.removeItem(USED_KEY);
}

export function walletWasUsed(): boolean {
  return window.localStorage.getItem(USED_KEY) === "1";
}
