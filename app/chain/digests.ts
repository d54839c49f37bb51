// The one place digests cross between the app and the contract. The app writes a digest as
// the engine does (`sha256:<64 hex>`, or null when a release does not name it); the contract
// takes bytes32, where zero means "not named".
import { type Hex, zeroHash } from "viem";
import { type Digest, digestFromHex, hexOf, isSha256Digest } from "../image/digest.ts";

export class InvalidDigestError extends TypeError {
  override readonly name = "InvalidDigestError";
}

/** `sha256:<hex>` → bytes32; null → zero bytes32. */
export function digestToBytes32(digest: Digest | null): Hex {
  if (digest === null) return zeroHash;
  if (!isSha256Digest(digest)) throw new InvalidDigestError(`not a sha256 digest: "${digest}"`);
  if (digest === `sha256:${"0".repeat(64)}`)
    throw new InvalidDigestError('the zero digest means "none" on chain: pass null instead');
  return `0x${hexOf(digest)}`;
}

/** bytes32 → `sha256:<hex>`; zero bytes32 → null. */
export function bytes32ToDigest(value: Hex): Digest | null {
  const hex = value.toLowerCase();
  if (hex === zeroHash) return null;
  if (!/^0x[0-9a-f]{64}$/.test(hex)) throw new InvalidDigestError(`not a bytes32 value: "${value}"`);
  return digestFromHex(hex.slice(2));
}
