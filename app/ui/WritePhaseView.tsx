import type { ReactNode } from "react";
import type { Chain } from "viem";
import { transactionUrl } from "../chain/explorer.ts";
import type { WritePhase } from "../chain/runWrite.ts";
import { Hex } from "./Hex.tsx";
import { UntrustedText } from "./UntrustedText.tsx";

function Transaction({ chain, hash }: { chain: Chain; hash: `0x${string}` }) {
  const url = transactionUrl(chain, hash);
  return (
    <span>
      transaction <Hex value={hash} label="transaction hash" />
      {url && (
        <>
          {" "}
          <a href={url} target="_blank" rel="noreferrer noopener">
            view on {chain.blockExplorers?.default.name ?? "the explorer"}
          </a>
        </>
      )}
    </span>
  );
}

/** Where a write stands, in words: what the user should do now, or what happened. */
export function WritePhaseView<T>({
  phase,
  chain,
  confirmed,
}: {
  phase: WritePhase<T>;
  chain: Chain;
  confirmed: (phase: Extract<WritePhase<T>, { status: "confirmed" }>) => ReactNode;
}) {
  switch (phase.status) {
    case "simulating":
      return <p role="status">Checking it against the contract…</p>;
    case "awaiting-signature":
      return <p role="status">Confirm in your wallet.</p>;
    case "pending":
      return (
        <p role="status">
          Pending: <Transaction chain={chain} hash={phase.transactionHash} />. Waiting for it to be included…
        </p>
      );
    case "confirmed":
      return (
        <div role="status" className="card success">
          {confirmed(phase)}
          <p className="muted">
            Confirmed in block {phase.receipt.blockNumber.toString()}:{" "}
            <Transaction chain={chain} hash={phase.transactionHash} />
          </p>
        </div>
      );
    case "failed":
      return (
        <div role="alert" className="card error" data-testid="write-error">
          <p>
            <UntrustedText text={phase.error.message} what="message" />
          </p>
          {phase.transactionHash && (
            <p className="muted">
              <Transaction chain={chain} hash={phase.transactionHash} />
            </p>
          )}
        </div>
      );
  }
}
