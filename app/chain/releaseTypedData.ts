// The EIP-712 typed data a publisher signs so that anyone can submit its release with
// ImageRegistry.publishBySig. Mirrors contracts/ImageRegistry.sol (_DOMAIN_NAME, _DOMAIN_VERSION,
// _RELEASE_TYPEHASH); contracts/test checks that releaseDigest() here equals the contract's.

import type { Address, Hex, TypedDataDomain } from "viem";
import { hashTypedData } from "viem";
import type { ReleaseInput } from "./release.ts";
import { releaseInputToChain } from "./releaseInput.ts";

export const RELEASE_DOMAIN_NAME = "ImageSeal";
export const RELEASE_DOMAIN_VERSION = "2";

/** Field names are what a wallet shows in its signing prompt, so they say exactly what each value is. */
const releaseTypes = {
  Release: [
    { name: "publisher", type: "address" },
    { name: "name", type: "string" },
    { name: "imageId", type: "bytes32" },
    { name: "manifestDigest", type: "bytes32" },
    { name: "indexDigest", type: "bytes32" },
    { name: "archiveDigest", type: "bytes32" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/**
 * One release as signed: whose release it is, the fields of `publish`, the publisher's nonce and
 * the last valid timestamp. The signer (the publisher or one of its delegate keys) is not in the
 * message: whoever signs it vouches for this publisher's release.
 */
export type ReleaseMessage = {
  publisher: Address;
  name: string;
  imageId: Hex;
  manifestDigest: Hex;
  indexDigest: Hex;
  archiveDigest: Hex;
  nonce: bigint;
  deadline: bigint;
};

export function releaseDomain(chainId: number, registry: Address) {
  return {
    name: RELEASE_DOMAIN_NAME,
    version: RELEASE_DOMAIN_VERSION,
    chainId,
    verifyingContract: registry,
  } as const satisfies TypedDataDomain;
}

/** The argument for viem's / wagmi's signTypedData. */
export function releaseTypedData(chainId: number, registry: Address, message: ReleaseMessage) {
  return {
    domain: releaseDomain(chainId, registry),
    types: releaseTypes,
    primaryType: "Release",
    message,
  } as const;
}

/** The digest the signer signs (an EIP-1271 account is asked about it); equals ImageRegistry.releaseDigest on that chain. */
export function releaseDigest(chainId: number, registry: Address, message: ReleaseMessage): Hex {
  return hashTypedData(releaseTypedData(chainId, registry, message));
}

/** The message for a publisher's release at `nonce`, valid until `deadline`. Throws on a malformed digest (see releaseInputToChain). */
export function releaseMessage(
  publisher: Address,
  input: ReleaseInput,
  nonce: bigint,
  deadline: bigint,
): ReleaseMessage {
  return { publisher, ...releaseInputToChain(input), nonce, deadline };
}
