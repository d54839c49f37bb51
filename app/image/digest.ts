// A digest is always written `sha256:<64 lowercase hex>`, the form registries, Docker and
// the OCI spec use, so values can be compared as plain strings.

export type Digest = `sha256:${string}`;

const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;
const SHA256_HEX = /^[a-f0-9]{64}$/;

export function isSha256Digest(value: unknown): value is Digest {
  return typeof value === "string" && SHA256_DIGEST.test(value);
}

export function isSha256Hex(value: string): boolean {
  return SHA256_HEX.test(value);
}

export function digestFromHex(hex: string): Digest {
  if (!isSha256Hex(hex)) throw new TypeError(`not a sha256 hex string: "${hex}"`);
  return `sha256:${hex}`;
}

export function hexOf(digest: Digest): string {
  return digest.slice("sha256:".length);
}

/** `sha256:ab54cdcbcd51…` — for messages meant for people; reports keep the full value. */
export function shortDigest(digest: string): string {
  return digest.length > 19 ? `${digest.slice(0, 19)}…` : digest;
}
