// The lazily loaded wallet chunk: wagmi + RainbowKit providers and the connect button.
//
// The providers wrap only the parts of the page that use a wallet (the header's button, the
// Publish page, a publisher's Revoke), each in its own scope, never the whole app: loading
// this chunk then re-mounts nothing else, so a file chosen on Verify while it loads is not
// lost. The scopes share one wagmi config, so they share one connection.
import "@rainbow-me/rainbowkit/styles.css";
import { ConnectButton, darkTheme, lightTheme, RainbowKitProvider, useConnectModal } from "@rainbow-me/rainbowkit";
import { type ReactNode, useEffect } from "react";
import { type Config, useAccountEffect, WagmiContext, WagmiProvider } from "wagmi";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import type { RegistryChain } from "../config/chains.ts";
import { useWalletState } from "./useWallet.ts";
import { createWagmiConfig } from "./wagmiConfig.ts";
import { connectModalOpened, rememberWalletUse } from "./walletLoader.ts";

const THEME = { lightMode: lightTheme({ accentColor: "#0f766e" }), darkMode: darkTheme({ accentColor: "#14b8a6" }) };

let shared: { chains: readonly RegistryChain[]; config: Config } | null = null;
function sharedConfig(chains: readonly RegistryChain[], walletConnectProjectId: string | undefined): Config {
  if (shared?.chains !== chains) shared = { chains, config: createWagmiConfig(chains, walletConnectProjectId) };
  return shared.config;
}

/** The header's scope: opens the connect modal when asked and remembers a connection for the next visit. */
function WalletEffects() {
  const state = useWalletState();
  const { openConnectModal } = useConnectModal();
  const wantsModal = state.status === "ready" && state.openConnectModal;
  useEffect(() => {
    if (wantsModal && openConnectModal) {
      openConnectModal();
      connectModalOpened();
    }
  }, [wantsModal, openConnectModal]);
  useAccountEffect({ onConnect: () => rememberWalletUse(true), onDisconnect: () => rememberWalletUse(false) });
  return null;
}

/**
 * `primary`: the one scope (the header's, always mounted) that hydrates wagmi's state,
 * reconnects on load and handles the modal requests. The other scopes only pass the shared
 * config down: a second WagmiProvider would hydrate again, and with `reconnectOnMount` off
 * wagmi's hydration clears the stored connections — every Revoke button on a publisher's
 * page would disconnect the wallet as it mounted.
 */
function Providers({ children, primary = false }: { children: ReactNode; primary?: boolean }) {
  const { chains, env } = useAppConfig();
  const config = sharedConfig(chains, env.walletConnectProjectId);
  const content = (
    <RainbowKitProvider theme={THEME} modalSize="compact">
      {primary && <WalletEffects />}
      {children}
    </RainbowKitProvider>
  );
  if (!primary) return <WagmiContext.Provider value={config}>{content}</WagmiContext.Provider>;
  return (
    <WagmiProvider config={config} reconnectOnMount>
      {content}
    </WagmiProvider>
  );
}

function WalletConnectButton() {
  return <ConnectButton showBalance={false} chainStatus="icon" accountStatus="address" />;
}

export const walletModule = { Providers, ConnectButton: WalletConnectButton };
export type WalletModule = typeof walletModule;
