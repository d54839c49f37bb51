// A release that never went on chain, known from its signed-release file alone: the EIP-712
// signature proves the publisher's key signed exactly this name and these digests for this
// registry on this chain — nothing else. Not whether the publisher later revoked it or cancelled
// the signature (that lives on chain), so the verdict says so. Offline only a key's signature can
// be checked: a contract account (EIP-1271) or a delegate key's grant needs the chain.
import { type Address, isAddressEqual, zeroHash } from "viem";
import { formatUnixTime } from "../chain/formatTime.ts";
import type { Release } from "../chain/release.ts";
import type { SignedRelease } from "../chain/signedRelease.ts";
import { recoverSignedReleaseSigner } from "../chain/signerSignature.ts";
import type { ChainEvidence } from "../verdict/verdict.ts";
import { BundleError } from "./bundleError.ts";

interface SignedReleaseAnchor {
  chainId: number;
  registry: Address;
  /** Unix seconds now (the host's clock): a signature past its deadline is refused. */
  now: number;
}

export async function evidenceFromSignedRelease(
  signed: SignedRelease,
  anchor: SignedReleaseAnchor,
): Promise<ChainEvidence> {
  if (signed.chainId !== anchor.chainId)
    throw new BundleError(
      "wrong-chain",
      `This signed release is for chain ${signed.chainId}, not chain ${anchor.chainId}.`,
    );
  if (!isAddressEqual(signed.registry, anchor.registry))
    throw new BundleError(
      "wrong-registry",
      `This signed release is for registry ${signed.registry}, not registry ${anchor.registry}.`,
    );
  if (!isAddressEqual(signed.signer, signed.publisher)) {
    throw new BundleError(
      "not-covered",
      `This release was signed by delegate key ${signed.signer} for ${signed.publisher}: whether that key may publish for it is known only on chain. Verify it online or with a proof bundle once it is submitted.`,
    );
  }
  if (BigInt(anchor.now) > signed.deadline) {
    throw new BundleError(
      "untrusted-block",
      `This signed release expired on ${formatUnixTime(signed.deadline)}: the registry would no longer accept it. Ask the publisher for a new one.`,
    );
  }
  const recovered = await recoverSignedReleaseSigner(signed).catch((error: unknown) => {
    throw new BundleError("forged-release", error instanceof Error ? error.message : String(error));
  });
  if (!isAddressEqual(recovered, signed.publisher)) {
    throw new BundleError(
      "forged-release",
      `This signed release was not signed by ${signed.publisher}'s key (the signature recovers to ${recovered}): the file was changed, or the publisher is a contract account, whose signature only the chain can check.`,
    );
  }
  const release: Release = {
    ...signed.release,
    chainId: signed.chainId,
    id: 0n,
    publisher: signed.publisher,
    signer: null,
    publishedAt: 0,
    revokedAt: null,
    valid: true,
    blockNumber: 0n,
    transactionHash: zeroHash,
    unrecorded: { nonce: signed.nonce, deadline: signed.deadline },
  };
  return {
    chainId: signed.chainId,
    registry: signed.registry,
    blockNumber: 0n,
    releases: [release],
    digestTotals: [],
    delegations: [],
    latest: [],
    revocations: [],
    nameClaims: null,
    claims: [],
  };
}
