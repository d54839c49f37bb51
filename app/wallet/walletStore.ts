// Where the wallet chunk stands (idle → loading → ready | failed), for any component to
// subscribe to. The loader (walletLoader.ts) moves it forward; the chunk itself
// (walletModule.tsx) reads it and clears its modal request. Neither imports the other.
import type { ComponentType, ReactNode } from "react";

/** What the wallet chunk hands over once loaded. */
export interface WalletModule {
  /** wagmi + RainbowKit around `children`; `primary` for the header's scope (see walletModule.tsx). */
  Providers: ComponentType<{ children: ReactNode; primary?: boolean }>;
  ConnectButton: ComponentType;
}

export type WalletState =
  | { status: "idle" }
  | { status: "loading" }
  | { status: "ready"; module: WalletModule; openConnectModal: boolean }
  | { status: "failed"; error: Error };

let state: WalletState = { status: "idle" };
const listeners = new Set<() => void>();

export function setWalletState(next: WalletState): void {
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

/** Called once the modal request was handled, so it opens once per click. */
export function connectModalOpened(): void {
  if (state.status === "ready" && state.openConnectModal) setWalletState({ ...state, openConnectModal: false });
}
