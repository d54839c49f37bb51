// Everything that would make publishBySig revert, checked before a wallet is involved: the
// chain and the registry the signature is bound to, the signer (recovered off-chain with
// viem), the deadline against the chain's clock and the publisher's current nonce.
import { isAddressEqual, parseSignature, recoverTypedDataAddress } from "viem";
import { getBlock, readContract } from "viem/actions";
import { chainIdOf } from "./chainIdOf.ts";
import { SignedReleaseInvalidError, withAppErrors } from "./errors.ts";
import { formatUnixTime } from "./formatTime.ts";
import { imageRegistryAbi } from "./generated/imageRegistryAbi.ts";
import { releaseInputToChain } from "./releaseInput.ts";
import { releaseTypedData } from "./releaseTypedData.ts";
import { registryAddressOf, type RegistryRef } from "./registryRef.ts";
import type { SignedRelease } from "./signedRelease.ts";
import type { ReadClient } from "./readClient.ts";

/** Half the secp256k1 group order: the contract rejects a larger s (EIP-2). */
const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

function invalid(problem: ConstructorParameters<typeof SignedReleaseInvalidError>[0], message: string): SignedReleaseInvalidError {
  return new SignedReleaseInvalidError(problem, message);
}

/** The address the signature recovers to for the document's typed data; throws "bad-signature" for a malleated one. */
export async function recoverSignedReleaseSigner(signed: SignedRelease) {
  const { s, v } = parseSignature(signed.signature);
  if (BigInt(s) > HALF_N || (v !== undefined && v !== 27n && v !== 28n)) {
    throw invalid("bad-signature", "The signature is not in the form the registry accepts (high s or a v other than 27/28). Use the signature exactly as the publisher's wallet made it.");
  }
  const message = { ...releaseInputToChain(signed.release), nonce: signed.nonce, deadline: signed.deadline };
  return recoverTypedDataAddress({ ...releaseTypedData(signed.chainId, signed.registry, message), signature: signed.signature });
}

/** Resolves when publishBySig would accept the document on this client's chain and registry; rejects with an AppError otherwise. */
export async function validateSignedRelease(client: ReadClient, registryRef: RegistryRef, signed: SignedRelease): Promise<void> {
  const registry = registryAddressOf(registryRef);
  return withAppErrors(async () => {
    const chainId = await chainIdOf(client);
    if (signed.chainId !== chainId) {
      throw invalid("wrong-chain", `This release was signed for chain ${signed.chainId}, but you are connected to chain ${chainId}. Switch to chain ${signed.chainId} to submit it.`);
    }
    if (!isAddressEqual(signed.registry, registry)) {
      throw invalid("wrong-registry", `This release was signed for the registry at ${signed.registry}, not ${registry}. A signature is valid for one registry only: ask the publisher to sign for this one.`);
    }
    const signer = await recoverSignedReleaseSigner(signed);
    if (!isAddressEqual(signer, signed.publisher)) {
      throw invalid("bad-signature", `The signature was made by ${signer}, not by the publisher ${signed.publisher} (or the file was edited after signing). Ask the publisher to sign again.`);
    }
    const [block, nonce] = await Promise.all([
      getBlock(client, { blockTag: "latest" }),
      readContract(client, { address: registry, abi: imageRegistryAbi, functionName: "nonces", args: [signed.publisher] }),
    ]);
    // The contract's rule at the head; a signature expiring in the next seconds may still miss its block.
    if (signed.deadline < block.timestamp) {
      throw invalid("expired", `The signature expired on ${formatUnixTime(signed.deadline)}. Ask the publisher to sign again with a later deadline.`);
    }
    if (signed.nonce < nonce) {
      throw invalid("nonce-used", `The publisher's nonce ${signed.nonce} is used up (the next is ${nonce}): this signature was submitted already, or a later one replaced it. Ask the publisher for a new signature.`);
    }
    if (signed.nonce > nonce) {
      throw invalid("nonce-ahead", `This signature uses the publisher's nonce ${signed.nonce}, but the next one is ${nonce}: the publisher's earlier signed releases must be submitted first.`);
    }
  }, { registry, chainId: client.chain?.id, subject: "publisher" });
}
