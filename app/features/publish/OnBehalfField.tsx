import { useId } from "react";
import type { Address } from "viem";
import type { Delegation } from "../../chain/actions/getDelegation.ts";
import { formatUnixTime } from "../../chain/formatTime.ts";
import { UntrustedText } from "../../ui/UntrustedText.tsx";

export type DelegationRead =
  | { status: "idle" }
  | { status: "pending" }
  | { status: "error"; message: string }
  | { status: "done"; delegation: Delegation | null };

/** "Publish on behalf of": a publisher's address; then the connected key's delegation from it, read before the wallet opens. */
export function OnBehalfField({
  value,
  onChange,
  problem,
  publisher,
  read,
}: {
  value: string;
  onChange: (value: string) => void;
  problem: string | null;
  publisher: Address | null;
  read: DelegationRead;
}) {
  const hintId = useId();
  return (
    <div className="card form">
      <label className="field">
        Publish on behalf of <small>(optional: a publisher that authorized your key)</small>
        <input
          type="text"
          value={value}
          onChange={(event) => onChange(event.target.value)}
          placeholder="0x… (leave empty to publish as yourself)"
          spellCheck={false}
          autoComplete="off"
          aria-describedby={hintId}
        />
      </label>
      <small id={hintId}>
        {problem ? (
          <span className="error-text">{problem}</span>
        ) : publisher === null ? (
          "Empty: the release is yours. With a publisher's address, the release is theirs and records your account as the delegate key that published it."
        ) : read.status === "pending" ? (
          "Reading your key's delegation…"
        ) : read.status === "error" ? (
          <span className="error-text">
            Could not read your key's delegation: <UntrustedText text={read.message} what="message" />
          </span>
        ) : read.status === "done" && read.delegation !== null ? (
          <span data-testid="delegation-scope">
            Your key may publish for <code>{publisher}</code>{" "}
            {read.delegation.namePrefix === "" ? (
              "every name"
            ) : (
              <>
                names starting with <UntrustedText text={read.delegation.namePrefix} what="prefix" code />
              </>
            )}
            , until {formatUnixTime(read.delegation.expiresAt)}
            {read.delegation.revokedAt !== null
              ? ` (revoked on ${formatUnixTime(read.delegation.revokedAt)})`
              : read.delegation.active
                ? ""
                : " (expired)"}
            .
          </span>
        ) : null}
      </small>
    </div>
  );
}
