// The wallet side of a write: wagmi's wallet client for the connected account, the
// registry chain's public client (simulation and receipts never go through the wallet's
// RPC), and whether the wallet must switch chains first.
import type { Address } from "viem";
import { useAccount, useSwitchChain, useWalletClient } from "wagmi";
import { publicClientFor } from "../chain/publicClient.ts";
import type { WriteClients } from "../chain/runWrite.ts";
import type { RegistryChain } from "../config/chains.ts";

export interface WriteClientsState {
  address: Address | undefined;
  isConnected: boolean;
  /** Connected, but to another chain than the registry's. */
  wrongChain: boolean;
  walletChainId: number | undefined;
  switchToRegistryChain: () => void;
  switching: boolean;
  switchError: Error | null;
  /** Ready to write: connected, on the right chain, with a wallet client. */
  clients: WriteClients | null;
}

export function useWriteClients(registryChain: RegistryChain): WriteClientsState {
  const { address, chainId, isConnected } = useAccount();
  const { data: walletClient } = useWalletClient({ chainId: registryChain.chain.id });
  const { switchChain, isPending, error } = useSwitchChain();
  const wrongChain = isConnected && chainId !== registryChain.chain.id;
  return {
    address,
    isConnected,
    wrongChain,
    walletChainId: chainId,
    switchToRegistryChain: () => switchChain({ chainId: registryChain.chain.id }),
    switching: isPending,
    switchError: error,
    clients:
      isConnected && !wrongChain && walletClient
        ? { walletClient, publicClient: publicClientFor(registryChain) }
        : null,
  };
}
