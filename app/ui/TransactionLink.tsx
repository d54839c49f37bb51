import type { Chain, Hash } from "viem";
import { transactionUrl } from "../chain/explorer.ts";

/** " · transaction", linking the transaction on the chain's explorer; nothing when the chain has none. */
export function TransactionLink({ chain, hash }: { chain: Chain; hash: Hash }) {
  const url = transactionUrl(chain, hash);
  if (url === null) return null;
  return (
    <>
      {" · "}
      <a href={url} target="_blank" rel="noreferrer noopener">
        transaction
      </a>
    </>
  );
}
