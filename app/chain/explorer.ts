import type { Chain, Hash } from "viem";

/** The chain's block explorer page for a transaction; null when the chain has no explorer (a local chain). */
export function transactionUrl(chain: Chain | undefined, transactionHash: Hash): string | null {
  const base = chain?.blockExplorers?.default.url;
  return base === undefined ? null : `${base.replace(/\/+$/, "")}/tx/${transactionHash}`;
}
