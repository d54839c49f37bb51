// The lazily loaded wallet chunk: wagmi + RainbowKit providers and the connect button.
import "@rainbow-me/rainbowkit/styles.css";
import { ConnectButton, darkTheme, lightTheme, RainbowKitProvider, useConnectModal } from "@rainbow-me/rainbowkit";
import { useEffect, useMemo, type ReactNode } from "react";
import { useAccountEffect, WagmiProvider } from "wagmi";
import { useAppConfig } from "../config/AppConfigContext.tsx";
import { connectModalOpened, rememberWalletUse } from "./walletLoader.ts";
import { useWalletState } from "./useWallet.ts";
import { createWagmiConfig } from "./wagmiConfig.ts";

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

function Providers({ children }: { children: ReactNode }) {
  const { chains, env } = useAppConfig();
  const config = useMemo(() => createWagmiConfig(chains, env.walletConnectProjectId), [chains, env.walletConnectProjectId]);
  return (
    <WagmiProvider config={config}>
      <RainbowKitProvider theme={{ lightMode: lightTheme({ accentColor: "#0f766e" }), darkMode: darkTheme({ accentColor: "#14b8a6" }) }} modalSize="compact">
        <WalletEffects />
        {children}
      </RainbowKitProvider>
    </WagmiProvider>
  );
}

function WalletConnectButton() {
  return <ConnectButton showBalance={false} chainStatus="icon" accountStatus="address" />;
}

export const walletModule = { Providers, ConnectButton: WalletConnectButton };
export type WalletModule = typeof walletModule;
