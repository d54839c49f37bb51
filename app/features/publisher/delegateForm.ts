// The "authorize a delegate key" form's rules, checked before the wallet opens. A delegate can
// publish any name that starts with its prefix byte for byte, so a prefix that does not end a
// path segment ("ghcr.io/acme") also covers names the publisher does not own
// ("ghcr.io/acme-evil/…"): said as a warning, since the contract allows it.
import { type Address, getAddress, isAddress, zeroAddress } from "viem";
import { hasHiddenCharacters } from "../../verdict/hiddenCharacters.ts";

type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

const MAX_NAME_BYTES = 255;
/** The contract stores an expiry in 32 bits. */
const MAX_EXPIRY = 2 ** 32 - 1;
const DAY = 86_400;

/**
 * A delegate's address, in full: 0x and 40 hex digits; mixed case must be the EIP-55 checksum
 * (a mistyped digit in a checksummed address is caught); neither zero nor the publisher itself.
 */
export function checkDelegateAddress(text: string, publisher: Address): Checked<Address> {
  const trimmed = text.trim();
  if (!/^0x[0-9a-fA-F]{40}$/.test(trimmed))
    return { ok: false, problem: "Enter the delegate key's full address: 0x and 40 hex digits." };
  if (!isAddress(trimmed, { strict: true })) {
    return {
      ok: false,
      problem:
        "This address's upper and lower case letters do not match its checksum (EIP-55): a digit is probably mistyped. Copy the address again.",
    };
  }
  const address = getAddress(trimmed);
  if (address === zeroAddress) return { ok: false, problem: "The zero address cannot be a delegate." };
  if (address === getAddress(publisher))
    return { ok: false, problem: "This is your own address: you publish under every name already." };
  return { ok: true, value: address };
}

/** The prefix must be a name the registry accepts (or empty: every name). */
export function checkNamePrefix(prefix: string): Checked<string> {
  if (hasHiddenCharacters(prefix))
    return {
      ok: false,
      problem: "The prefix holds control, bidi or invisible characters: names with them are refused, so remove them.",
    };
  if (new TextEncoder().encode(prefix).length > MAX_NAME_BYTES)
    return { ok: false, problem: `The prefix is longer than ${MAX_NAME_BYTES} bytes, the longest name there can be.` };
  return { ok: true, value: prefix };
}

/** What the prefix lets the key publish, when that is wider than it looks; null when it ends a segment. */
export function prefixWarning(prefix: string): string | null {
  if (prefix === "") return "An empty prefix lets this key publish under every name, as you.";
  if (prefix.endsWith("/") || prefix.endsWith(":")) return null;
  return `“${prefix}” does not end with “/” or “:”, so it also covers names such as “${prefix}-evil/…” or “${prefix}x”. End it with “/” (a repository path) or “:” (the tags of one repository) unless you mean that.`;
}

export type ExpiryInput = { kind: "days"; days: string } | { kind: "date"; local: string };

/**
 * The expiry in unix seconds: N whole days from `now`, or a date and time in the browser's
 * time zone (an `<input type="datetime-local">` value, "2027-01-31T18:00"). It must be after
 * `now` and fit the contract's 32 bits (until 2106).
 */
export function checkExpiry(input: ExpiryInput, now: number): Checked<number> {
  let expiresAt: number;
  if (input.kind === "days") {
    if (!/^\s*\d{1,6}\s*$/.test(input.days) || Number(input.days) < 1)
      return { ok: false, problem: "Give a whole number of days, 1 or more." };
    expiresAt = Math.floor(now) + Number(input.days) * DAY;
  } else {
    const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(input.local);
    if (match === null) return { ok: false, problem: "Choose a date and a time." };
    const [y, mo, d, h, mi, s] = match.slice(1).map((part) => Number(part ?? 0)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const date = new Date(y, mo - 1, d, h, mi, s);
    // new Date() rolls 31 February over into March: refuse a date it had to change.
    if (
      date.getFullYear() !== y ||
      date.getMonth() !== mo - 1 ||
      date.getDate() !== d ||
      date.getHours() !== h ||
      date.getMinutes() !== mi
    ) {
      return { ok: false, problem: "This date does not exist (or this time is skipped by a clock change)." };
    }
    expiresAt = Math.floor(date.getTime() / 1000);
  }
  if (expiresAt <= now) return { ok: false, problem: "The expiry must be in the future." };
  if (expiresAt > MAX_EXPIRY)
    return { ok: false, problem: "The registry stores expiries until 2106-02-07; choose an earlier one." };
  return { ok: true, value: expiresAt };
}
