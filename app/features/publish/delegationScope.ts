// Publishing on a publisher's behalf: what the connected key's delegation allows, checked
// before the wallet opens, with the contract's own rule (the prefix is a byte prefix of the
// name, as recorded).
import type { Address } from "viem";
import type { Delegation } from "../../chain/actions/getDelegation.ts";
import { nameInScope } from "../../chain/delegationProblem.ts";
import { formatUnixTime } from "../../chain/formatTime.ts";

/** Why the connected key cannot publish these names for `publisher`; empty when it can. */
export function delegationProblems(
  publisher: Address,
  delegate: Address,
  delegation: Delegation | null,
  names: readonly string[],
  now: number,
): string[] {
  if (delegation === null)
    return [
      `Your account ${delegate} holds no delegation from ${publisher}: the publisher must authorize it on its Publisher page first.`,
    ];
  if (delegation.revokedAt !== null)
    return [
      `${publisher} revoked your key's delegation on ${formatUnixTime(delegation.revokedAt)}: it can no longer publish for them.`,
    ];
  if (!delegation.active || delegation.expiresAt < now)
    return [
      `Your key's delegation from ${publisher} expired on ${formatUnixTime(delegation.expiresAt)}: ask them to renew it.`,
    ];
  return [...new Set(names)]
    .filter((name) => !nameInScope(name, delegation.namePrefix))
    .map(
      (name) =>
        `“${name}” does not start with “${delegation.namePrefix}”, so your key may not publish it for ${publisher}: use a name under that prefix.`,
    );
}
