import type { ReactNode } from "react";
import type { ListedDelegation } from "../../chain/actions/listDelegations.ts";
import { formatUnixTime } from "../../chain/formatTime.ts";
import { Hex } from "../../ui/Hex.tsx";
import { HiddenCharactersFlag, UntrustedText } from "../../ui/UntrustedText.tsx";

const STATE_WORDS = { active: "active", expired: "expired", revoked: "revoked" } as const;

/** A publisher's delegate keys, each with its full address, prefix, expiry and state; `actions` adds the owner's buttons. */
export function DelegationList({
  delegations,
  actions,
}: {
  delegations: readonly ListedDelegation[];
  actions?: (delegation: ListedDelegation) => ReactNode;
}) {
  return (
    <ul className="delegations" aria-label="Delegate keys">
      {delegations.map((delegation) => (
        <li
          key={delegation.delegate}
          className="card"
          aria-label={`Delegate key ${delegation.delegate}`}
          data-state={delegation.state}
        >
          <p>
            <Hex value={delegation.delegate} label="delegate key" />{" "}
            <span className={`badge ${delegation.state === "active" ? "badge-valid" : "badge-revoked"}`}>
              {STATE_WORDS[delegation.state]}
            </span>
          </p>
          <dl className="facts">
            <dt>Names</dt>
            <dd>
              {delegation.namePrefix === "" ? (
                "every name"
              ) : (
                <>
                  starting with <UntrustedText text={delegation.namePrefix} what="prefix" code flag={false} />
                  <HiddenCharactersFlag text={delegation.namePrefix} what="prefix" />
                </>
              )}
            </dd>
            <dt>Granted</dt>
            <dd>
              in block {delegation.since.toString()}
              {delegation.authorizedInBlock !== delegation.since &&
                ` (renewed in block ${delegation.authorizedInBlock})`}
            </dd>
            <dt>{delegation.state === "expired" ? "Expired" : "Expires"}</dt>
            <dd>{formatUnixTime(delegation.expiresAt)}</dd>
            {delegation.revokedAt !== null && (
              <>
                <dt>Revoked</dt>
                <dd>
                  {formatUnixTime(delegation.revokedAt)}
                  {delegation.revokedInBlock !== null && ` in block ${delegation.revokedInBlock}`}: its releases no
                  longer count
                </dd>
              </>
            )}
          </dl>
          {actions?.(delegation)}
        </li>
      ))}
    </ul>
  );
}
