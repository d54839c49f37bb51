import type { ReactNode } from "react";
import { useWalletState } from "./useWallet.ts";

/**
 * Renders `children` inside the wallet providers once the wallet chunk is loaded, and
 * `fallback` until then. Wrap only what uses wagmi (see walletModule.tsx for why).
 */
export function WalletScope({
  children,
  fallback = null,
  primary = false,
}: {
  children: ReactNode;
  fallback?: ReactNode;
  primary?: boolean;
}) {
  const state = useWalletState();
  if (state.status !== "ready") return <>{fallback}</>;
  const { Providers } = state.module;
  return <Providers primary={primary}>{children}</Providers>;
}
