// Whom the user trusts. Anyone can publish any name, so a release only counts when its
// publisher is trusted: for every name (a `?publisher=` link, `--publisher`), or for one
// name only (a pin). Names compare after Docker-style normalization.
import { isAddressEqual, type Address } from "viem";
import { sameImageName } from "./normalizeImageName.ts";

export interface Trust {
  /** Trusted for any name. */
  publishers: Address[];
  /** Trusted for one name only. */
  pins: { name: string; publisher: Address }[];
}

export const NO_TRUST: Trust = { publishers: [], pins: [] };

/** How a release's publisher is trusted for the release's name: for any name, by a pin, or not at all. */
export type TrustBasis = "publisher" | "pin" | null;

export function trustBasis(trust: Trust, publisher: Address, releaseName: string): TrustBasis {
  if (trust.publishers.some((trusted) => isAddressEqual(trusted, publisher))) return "publisher";
  if (trust.pins.some((pin) => isAddressEqual(pin.publisher, publisher) && sameImageName(pin.name, releaseName))) return "pin";
  return null;
}

/** The publishers trusted for `name` (every trusted publisher, plus those pinned to that name), without repeats. */
export function publishersTrustedFor(trust: Trust, name: string): Address[] {
  const all = [...trust.publishers, ...trust.pins.filter((pin) => sameImageName(pin.name, name)).map((pin) => pin.publisher)];
  return all.filter((address, index) => all.findIndex((other) => isAddressEqual(other, address)) === index);
}

export function hasAnyTrust(trust: Trust): boolean {
  return trust.publishers.length > 0 || trust.pins.length > 0;
}

/** Every publisher trusted for some name (for any name, or pinned), without repeats: whose releases a verification reads. */
export function trustedPublishers(trust: Trust): Address[] {
  const all = [...trust.publishers, ...trust.pins.map((pin) => pin.publisher)];
  return all.filter((address, index) => all.findIndex((other) => isAddressEqual(other, address)) === index);
}
