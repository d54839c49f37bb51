// The wagmi config for the chains this build knows. Browser wallets announce themselves
// through EIP-6963 (MetaMask, Rabby, …) and RainbowKit lists them as installed; mobile
// wallets over WalletConnect are offered only when the build has a project id, because
// WalletConnect means a third-party relay.
import { connectorsForWallets, type WalletList } from "@rainbow-me/rainbowkit";
import { injectedWallet, metaMaskWallet, rainbowWallet, walletConnectWallet } from "@rainbow-me/rainbowkit/wallets";
import type { Chain, Transport } from "viem";
import { type Config, createConfig, http } from "wagmi";
import type { RegistryChain } from "../config/chains.ts";

const APP_NAME = "ImageSeal";

function walletList(walletConnectProjectId: string | undefined): WalletList {
  if (walletConnectProjectId === undefined) return [{ groupName: "Browser wallets", wallets: [injectedWallet] }];
  return [
    { groupName: "Browser wallets", wallets: [injectedWallet, metaMaskWallet] },
    { groupName: "Mobile wallets", wallets: [walletConnectWallet, rainbowWallet] },
  ];
}

export function createWagmiConfig(
  chains: readonly RegistryChain[],
  walletConnectProjectId: string | undefined,
): Config {
  const [first, ...rest] = chains.map(({ chain }) => chain);
  if (first === undefined) throw new Error("No chain with an ImageRegistry is configured");
  const transports: Record<number, Transport> = {};
  for (const { chain, rpcUrl } of chains) transports[chain.id] = http(rpcUrl);
  const connectors = connectorsForWallets(walletList(walletConnectProjectId), {
    appName: APP_NAME,
    // Only WalletConnect-based wallets read it, and those are listed only when it is set.
    projectId: walletConnectProjectId ?? "",
  });
  return createConfig({ chains: [first, ...rest] as [Chain, ...Chain[]], connectors, transports });
}
