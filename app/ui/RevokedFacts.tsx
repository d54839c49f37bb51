import type { Chain } from "viem";
import { formatUnixTime } from "../chain/formatTime.ts";
import type { Revocation } from "../chain/release.ts";
import { TransactionLink } from "./TransactionLink.tsx";
import { HiddenCharactersFlag, UntrustedText } from "./UntrustedText.tsx";

/**
 * What is known of a revocation beyond the contract's time: its `Revoked` log (block,
 * transaction, reason), still being read, or unreadable. `revocation` is null when no log was found.
 */
export type RevocationRead =
  | { status: "reading" }
  | { status: "unreadable"; message: string }
  | { status: "read"; revocation: Revocation | null };

/**
 * A revoked release's rows in its card's facts, each fact once: when (and in which block and
 * transaction), then why. Without `read` (nobody asked for the log) only the time is shown.
 */
export function RevokedFacts({ revokedAt, chain, read }: { revokedAt: number; chain: Chain; read?: RevocationRead }) {
  const revocation = read?.status === "read" ? read.revocation : null;
  return (
    <>
      <dt>Revoked</dt>
      <dd>
        {formatUnixTime(revokedAt)}
        {revocation && ` in block ${revocation.blockNumber.toString()}`}
        {revocation && <TransactionLink chain={chain} hash={revocation.transactionHash} />}
      </dd>
      {read && (read.status !== "read" || read.revocation !== null) && (
        <>
          <dt>Reason</dt>
          <dd data-testid="revocation-reason">
            <Reason read={read} />
          </dd>
        </>
      )}
    </>
  );
}

function Reason({ read }: { read: RevocationRead }) {
  switch (read.status) {
    case "reading":
      return <span className="muted">reading the revocation…</span>;
    case "unreadable":
      return (
        <span role="alert">
          could not be read: <UntrustedText text={read.message} what="message" />
        </span>
      );
    case "read":
      if (read.revocation === null) return null;
      return read.revocation.reason ? (
        <>
          “<UntrustedText text={read.revocation.reason} what="reason" flag={false} />”
          <HiddenCharactersFlag text={read.revocation.reason} what="reason" />
        </>
      ) : (
        <span className="muted">none given</span>
      );
  }
}
