// The publishers a user trusts, as data: pins of (name, publisher), where the name "*"
// trusts the publisher for every name. Kept in the browser and exportable as a file,
// so a team can share one list. Pure: no storage, no React.
import { getAddress, isAddress, type Address } from "viem";

export const ANY_NAME = "*";
export const TRUST_FILE_FORMAT = "imageseal-trust/1";

export interface TrustPin {
  /** A normalized image name, or "*" for every name. */
  name: string;
  publisher: Address;
  /** Unix milliseconds; for showing and ordering only. */
  addedAt: number;
}

/** What the verdict needs: who is trusted for any name, and who for one name. */
export interface Trust {
  publishers: Address[];
  pins: { name: string; publisher: Address }[];
}

export class TrustFileError extends Error {
  override readonly name = "TrustFileError";
}

export function samePin(a: Pick<TrustPin, "name" | "publisher">, b: Pick<TrustPin, "name" | "publisher">): boolean {
  return a.name === b.name && a.publisher.toLowerCase() === b.publisher.toLowerCase();
}

/** Pins plus publishers trusted by a link (`?publisher=`), for the verdict. */
export function trustOf(pins: readonly TrustPin[], linkPublishers: readonly Address[]): Trust {
  const publishers = new Set<Address>();
  for (const address of linkPublishers) publishers.add(getAddress(address));
  for (const pin of pins) if (pin.name === ANY_NAME) publishers.add(getAddress(pin.publisher));
  return {
    publishers: [...publishers],
    pins: pins.filter((pin) => pin.name !== ANY_NAME).map(({ name, publisher }) => ({ name, publisher })),
  };
}

export function serializeTrustFile(pins: readonly TrustPin[]): string {
  return `${JSON.stringify({ format: TRUST_FILE_FORMAT, pins }, null, 2)}\n`;
}

function parsePin(value: unknown, index: number): TrustPin {
  if (typeof value !== "object" || value === null) throw new TrustFileError(`pin ${index + 1} is not an object`);
  const { name, publisher, addedAt } = value as Record<string, unknown>;
  if (typeof name !== "string" || name.trim() === "" || name.length > 255) throw new TrustFileError(`pin ${index + 1} has no valid name`);
  if (typeof publisher !== "string" || !isAddress(publisher)) throw new TrustFileError(`pin ${index + 1} has no valid publisher address`);
  return { name: name.trim(), publisher: getAddress(publisher), addedAt: typeof addedAt === "number" && Number.isFinite(addedAt) ? addedAt : 0 };
}

/** Reads a file written by `serializeTrustFile`; says exactly what is wrong with a bad one. */
export function parseTrustFile(text: string): TrustPin[] {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new TrustFileError("the file is not JSON");
  }
  if (typeof document !== "object" || document === null || (document as { format?: unknown }).format !== TRUST_FILE_FORMAT) {
    throw new TrustFileError(`the file is not an ImageSeal trust list (format "${TRUST_FILE_FORMAT}")`);
  }
  const pins = (document as { pins?: unknown }).pins;
  if (!Array.isArray(pins)) throw new TrustFileError("the file has no list of pins");
  return pins.map(parsePin);
}

/** Adds `incoming` pins that are not there yet; keeps the existing ones as they are. */
export function mergePins(existing: readonly TrustPin[], incoming: readonly TrustPin[]): TrustPin[] {
  const merged = [...existing];
  for (const pin of incoming) if (!merged.some((known) => samePin(known, pin))) merged.push(pin);
  return merged;
}
