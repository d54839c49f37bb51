// Signing for publishBySig tests: a publisher key that never pays gas (anyone else submits), and the
// ways a signature can be bent. Keys are fixed so a failing run can be replayed exactly.

import type { Hex } from "viem";
import { concat, numberToHex, parseSignature, serializeSignature, size, slice, toHex } from "viem";
import { privateKeyToAccount } from "viem/accounts";

/** secp256k1n, the order of the curve's group. */
const SECP256K1_N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

export const publisherAccount = privateKeyToAccount(
  "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
);
export const strangerAccount = privateKeyToAccount(
  "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
);

/** The other signature of the same key over the same digest: s' = n - s and the other v (EIP-2). */
export function malleate(signature: Hex): { signature: Hex; s: Hex } {
  const { r, s, yParity } = parseSignature(signature);
  const highS = numberToHex(SECP256K1_N - BigInt(s), { size: 32 });
  return { signature: serializeSignature({ r, s: highS, yParity: yParity === 0 ? 1 : 0 }), s: highS };
}

/** The signature with its last byte (v) replaced. */
export function withV(signature: Hex, v: number): Hex {
  if (size(signature) !== 65) throw new Error("expected a 65-byte signature");
  return concat([slice(signature, 0, 64), toHex(v, { size: 1 })]);
}
