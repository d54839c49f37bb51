// Sample digests for the tests: real sha256 values of readable labels, so a failing assertion names them.

import type { Hex } from "viem";
import { sha256, stringToBytes, zeroHash } from "viem";

export const NO_DIGEST: Hex = zeroHash;

export function digestOf(label: string): Hex {
  return sha256(stringToBytes(label));
}

/** The four digests of a release, in the order publish takes them. */
type ReleaseDigests = readonly [imageId: Hex, manifestDigest: Hex, indexDigest: Hex, archiveDigest: Hex];

/** An image release as a registry push records it: an imageId and a manifestDigest. */
export function imageDigests(label: string): ReleaseDigests {
  return [digestOf(`${label} config`), digestOf(`${label} manifest`), NO_DIGEST, NO_DIGEST];
}

/** The same digests as publishBatch / publishBySig take them, with the name. */
export function releaseInput(name: string, digests: ReleaseDigests) {
  const [imageId, manifestDigest, indexDigest, archiveDigest] = digests;
  return { name, imageId, manifestDigest, indexDigest, archiveDigest };
}
