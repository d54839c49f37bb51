// The publishers a user trusts, as data: pins of (name, publisher), where the name "*"
// trusts the publisher for every name. Kept in the browser and exportable as a file,
// so a team can share one list. Pure: no storage, no React.
import { type Address, getAddress, isAddress } from "viem";
import { normalizeScope } from "../claims/scope.ts";
import type { Trust } from "../verdict/trust.ts";

export const ANY_NAME = "*";
const TRUST_FILE_FORMAT = "imageseal-trust/1";

export interface TrustPin {
  /** A normalized image name, or "*" for every name. */
  name: string;
  publisher: Address;
  /** Unix milliseconds; for showing and ordering only. */
  addedAt: number;
}

/** "Trust whoever proves control of <scope>": a repository, a namespace or a host, normalized. */
export interface TrustedScope {
  scope: string;
  /** Unix milliseconds; for showing and ordering only. */
  addedAt: number;
}

/** Everything a trust list holds. */
export interface TrustList {
  pins: TrustPin[];
  scopes: TrustedScope[];
}

export type { Trust };

export class TrustFileError extends Error {
  override readonly name = "TrustFileError";
}

export function samePin(a: Pick<TrustPin, "name" | "publisher">, b: Pick<TrustPin, "name" | "publisher">): boolean {
  return a.name === b.name && a.publisher.toLowerCase() === b.publisher.toLowerCase();
}

/** Pins, trusted scopes and publishers trusted by a link (`?publisher=`), for the verdict. */
export function trustOf(
  pins: readonly TrustPin[],
  linkPublishers: readonly Address[],
  scopes: readonly TrustedScope[] = [],
): Trust {
  const publishers = new Set<Address>();
  for (const address of linkPublishers) publishers.add(getAddress(address));
  for (const pin of pins) if (pin.name === ANY_NAME) publishers.add(getAddress(pin.publisher));
  return {
    publishers: [...publishers],
    pins: pins.filter((pin) => pin.name !== ANY_NAME).map(({ name, publisher }) => ({ name, publisher })),
    namespaces: scopes.map((s) => s.scope),
  };
}

/** Scopes are optional in the file: lists written before they existed read as having none. */
export function serializeTrustFile(pins: readonly TrustPin[], scopes: readonly TrustedScope[] = []): string {
  return `${JSON.stringify({ format: TRUST_FILE_FORMAT, pins, ...(scopes.length > 0 ? { scopes } : {}) }, null, 2)}\n`;
}

/** A scope as the user typed it, normalized; throws TrustFileError with the reason when it is not one. */
export function parseScope(text: string): string {
  const scope = normalizeScope(text.trim());
  if (scope === null)
    throw new TrustFileError(
      `"${text}" is not a repository (ghcr.io/acme/api), a namespace (ghcr.io/acme) or a host (registry.acme.com)`,
    );
  return scope;
}

function parseTrustedScope(value: unknown, index: number): TrustedScope {
  if (typeof value !== "object" || value === null) throw new TrustFileError(`scope ${index + 1} is not an object`);
  const { scope, addedAt } = value as Record<string, unknown>;
  if (typeof scope !== "string") throw new TrustFileError(`scope ${index + 1} has no scope text`);
  return { scope: parseScope(scope), addedAt: typeof addedAt === "number" && Number.isFinite(addedAt) ? addedAt : 0 };
}

function parsePin(value: unknown, index: number): TrustPin {
  if (typeof value !== "object" || value === null) throw new TrustFileError(`pin ${index + 1} is not an object`);
  const { name, publisher, addedAt } = value as Record<string, unknown>;
  if (typeof name !== "string" || name.trim() === "" || name.length > 255)
    throw new TrustFileError(`pin ${index + 1} has no valid name`);
  if (typeof publisher !== "string" || !isAddress(publisher))
    throw new TrustFileError(`pin ${index + 1} has no valid publisher address`);
  return {
    name: name.trim(),
    publisher: getAddress(publisher),
    addedAt: typeof addedAt === "number" && Number.isFinite(addedAt) ? addedAt : 0,
  };
}

/** Reads a file written by `serializeTrustFile`: pins and trusted scopes; says exactly what is wrong with a bad one. */
export function parseTrustList(text: string): TrustList {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    throw new TrustFileError("the file is not JSON");
  }
  if (
    typeof document !== "object" ||
    document === null ||
    (document as { format?: unknown }).format !== TRUST_FILE_FORMAT
  ) {
    throw new TrustFileError(`the file is not an ImageSeal trust list (format "${TRUST_FILE_FORMAT}")`);
  }
  const { pins, scopes } = document as { pins?: unknown; scopes?: unknown };
  if (!Array.isArray(pins)) throw new TrustFileError("the file has no list of pins");
  if (scopes !== undefined && !Array.isArray(scopes)) throw new TrustFileError("the file's scopes are not a list");
  return { pins: pins.map(parsePin), scopes: (scopes ?? []).map(parseTrustedScope) };
}

/** Adds `incoming` scopes that are not there yet. */
export function mergeScopes(existing: readonly TrustedScope[], incoming: readonly TrustedScope[]): TrustedScope[] {
  const merged = [...existing];
  for (const scope of incoming) if (!merged.some((known) => known.scope === scope.scope)) merged.push(scope);
  return merged;
}

/** Adds `incoming` pins that are not there yet; keeps the existing ones as they are. */
export function mergePins(existing: readonly TrustPin[], incoming: readonly TrustPin[]): TrustPin[] {
  const merged = [...existing];
  for (const pin of incoming) if (!merged.some((known) => samePin(known, pin))) merged.push(pin);
  return merged;
}
