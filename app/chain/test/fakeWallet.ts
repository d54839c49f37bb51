// Test-only: a browser-like wallet on the test chain whose answers can be bent: a rejection,
// another chain, or a fixed gas limit (a wallet that estimated on the latest block, blind to a
// pending transaction that will make this one revert).
import { type Address, createWalletClient, custom, http, type WalletClient } from "viem";
import type { TestChain } from "./testChain.ts";

interface WalletBends {
  chainId?: number;
  reject?: boolean;
  fixedGas?: boolean;
}

export function fakeWallet(
  chain: TestChain,
  account: Address,
  bend: WalletBends = {},
): { walletClient: WalletClient; sent: string[] } {
  const upstream = http(chain.url, { retryCount: 0 })({ chain: chain.chain });
  const sent: string[] = [];
  const transport = custom(
    {
      async request({ method, params }: { method: string; params?: unknown }) {
        if (method === "eth_chainId" && bend.chainId !== undefined) return `0x${bend.chainId.toString(16)}`;
        if (method === "eth_sendTransaction") {
          sent.push(method);
          if (bend.reject) throw Object.assign(new Error("User rejected the request."), { code: 4001 });
          if (bend.fixedGas) (params as [Record<string, unknown>])[0].gas = "0x7a120";
        }
        return upstream.request({ method, params } as never);
      },
    },
    { retryCount: 0 },
  );
  return { walletClient: createWalletClient({ account, transport, pollingInterval: 50 }) as WalletClient, sent };
}
