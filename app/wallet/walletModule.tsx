// The lazily loaded wallet chunk: wagmi + RainbowKit providers and the connect button.
//
// The providers wrap only the parts of the page that use a wallet (the header's button, the
// Publish page, a publisher's Revoke), each in its own scope, never the whole app: loading
// this chunk then re-mounts nothing else, so a file chosen on Verify while it loads is not
// lost. The scopes share one wagmi config, so they share one connection.
//
// No scope uses wagmi's WagmiProvider: without SSR it reconnects the wallet *while it renders*
// (its Hydrate calls reconnect() in the render body), and the header's scope re-renders on
// every navigation. Each time, that store update re-rendered the components of the other
// scopes (the Publish form, a Revoke button) in the middle of the header's render — React's
// "Cannot update a component while rendering a different component" — and reconnected the
// wallet once more. So every scope passes the config through WagmiContext, and the header's
// scope reconnects once, in an effect.
import "@rainbow-me/rainbowkit/styles.css";
import { ConnectButton, darkTheme, lightTheme, RainbowKitProvider, useConnectModal } from "@rainbow-me/rainbowkit";
import { type ReactNode, useEffect } from "react";
import { type Config, useAccountEffect, useConfig, WagmiContext } from "wagmi";
import { reconnect } from "wagmi/actions";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import type { RegistryChain } from "../config/chains.ts";
import { rememberWalletUse } from "./rememberedWallet.ts";
import { useWalletState } from "./useWallet.ts";
import { createWagmiConfig } from "./wagmiConfig.ts";
import { connectModalOpened, type WalletModule } from "./walletStore.ts";

const THEME = { lightMode: lightTheme({ accentColor: "#0f766e" }), darkMode: darkTheme({ accentColor: "#14b8a6" }) };

let shared: { chains: readonly RegistryChain[]; config: Config } | null = null;
function sharedConfig(chains: readonly RegistryChain[], walletConnectProjectId: string | undefined): Config {
  if (shared?.chains !== chains) shared = { chains, config: createWagmiConfig(chains, walletConnectProjectId) };
  return shared.config;
}

/**
 * The header's scope: brings back the connection of an earlier visit (the one thing of
 * WagmiProvider's we need; wagmi's own lock makes StrictMode's second run a no-op), opens the
 * connect modal when asked and remembers a connection for the next visit.
 */
function WalletEffects() {
  const config = useConfig();
  useEffect(() => {
    reconnect(config);
  }, [config]);
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

/** `primary`: the one scope (the header's, always mounted) that reconnects on load and handles the modal requests. */
function Providers({ children, primary = false }: { children: ReactNode; primary?: boolean }) {
  const { chains, env } = useAppConfig();
  const config = sharedConfig(chains, env.walletConnectProjectId);
  return (
    <WagmiContext.Provider value={config}>
      <RainbowKitProvider theme={THEME} modalSize="compact">
        {primary && <WalletEffects />}
        {children}
      </RainbowKitProvider>
    </WagmiContext.Provider>
  );
}

function WalletConnectButton() {
  return <ConnectButton showBalance={false} chainStatus="icon" accountStatus="address" />;
}

export const walletModule: WalletModule = { Providers, ConnectButton: WalletConnectButton };
