// Whether a delegate key may publish a name for a publisher at a given time, decided as the
// contract's _checkDelegate decides it (in its order: no grant, revoked, expired, out of scope),
// so a signed release or a form can say why before anything is sent.
import type { Address } from "viem";
import type { Delegation } from "./actions/getDelegation.ts";
import { SignedReleaseInvalidError } from "./errors.ts";
import { formatUnixTime } from "./formatTime.ts";

const utf8 = new TextEncoder();

/** A prefix of the name's UTF-8 bytes, as the contract compares them. */
export function nameInScope(name: string, namePrefix: string): boolean {
  const nameBytes = utf8.encode(name);
  const prefixBytes = utf8.encode(namePrefix);
  return prefixBytes.length <= nameBytes.length && prefixBytes.every((byte, i) => nameBytes[i] === byte);
}

/**
 * Why `delegation` (the publisher's grant to `signer`, null when none) does not let `signer`
 * publish `name` at block time `now`; null when it does.
 */
export function delegationProblem(
  delegation: Delegation | null,
  publisher: Address,
  signer: Address,
  name: string,
  now: bigint,
): SignedReleaseInvalidError | null {
  if (delegation === null) {
    return new SignedReleaseInvalidError(
      "not-delegate",
      `${signer} signed this release for ${publisher}, but ${publisher} has not authorised ${signer} to publish on its behalf. Ask the publisher to authorise that key, or to sign the release itself.`,
    );
  }
  if (delegation.revokedAt !== null) {
    return new SignedReleaseInvalidError(
      "delegation-revoked",
      `${publisher} revoked the delegation of ${signer} on ${formatUnixTime(delegation.revokedAt)}: releases that key signs no longer count. Ask the publisher for a new signature.`,
    );
  }
  if (now > BigInt(delegation.expiresAt)) {
    return new SignedReleaseInvalidError(
      "delegation-expired",
      `The delegation of ${signer} by ${publisher} expired on ${formatUnixTime(delegation.expiresAt)}. Ask the publisher to renew it, or for a new signature.`,
    );
  }
  if (!nameInScope(name, delegation.namePrefix)) {
    return new SignedReleaseInvalidError(
      "name-out-of-scope",
      `${publisher} lets ${signer} publish only names starting with ${JSON.stringify(delegation.namePrefix)}, and ${JSON.stringify(name)} does not. Use a name in that scope, or ask the publisher to widen it.`,
    );
  }
  return null;
}
