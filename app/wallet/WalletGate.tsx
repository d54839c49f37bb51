// What a write needs before it can start: a connected wallet on the registry's chain.
import { useConnectModal } from "@rainbow-me/rainbowkit";
import type { ReactNode } from "react";
import type { RegistryChain } from "../config/chains.ts";
import type { WriteClientsState } from "./useWriteClients.ts";

export function WalletGate({
  wallet,
  registryChain,
  action,
  children,
}: {
  wallet: WriteClientsState;
  registryChain: RegistryChain;
  action: string;
  children: ReactNode;
}) {
  const { openConnectModal } = useConnectModal();
  if (!wallet.isConnected) {
    return (
      <div className="card row" role="note">
        <span>Connect a wallet to {action}.</span>
        <button type="button" className="button button-primary" onClick={() => openConnectModal?.()}>
          Connect wallet
        </button>
      </div>
    );
  }
  if (wallet.wrongChain) {
    return (
      <div className="card row" role="alert">
        <span>
          Your wallet is on chain {wallet.walletChainId}; the registry is on {registryChain.chain.name} (
          {registryChain.chain.id}).
        </span>
        <button
          type="button"
          className="button button-primary"
          disabled={wallet.switching}
          onClick={wallet.switchToRegistryChain}
        >
          {wallet.switching ? "Switching…" : `Switch to ${registryChain.chain.name}`}
        </button>
        {wallet.switchError && <span className="error-text">{wallet.switchError.message.split("\n")[0]}</span>}
      </div>
    );
  }
  return <>{children}</>;
}
