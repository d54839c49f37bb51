// Everything that would make publishBySig revert, checked before a wallet is involved: the
// chain and the registry the signature is bound to, the signer's signature (a key's recovered
// off-chain, a contract account's asked through EIP-1271), the deadline against the chain's
// clock, the publisher's current nonce, and a delegate signer's grant.
import { isAddressEqual } from "viem";
import { getBlock, readContract } from "viem/actions";
import { getDelegation } from "./actions/getDelegation.ts";
import { chainIdOf } from "./chainIdOf.ts";
import { delegationProblem } from "./delegationProblem.ts";
import { SignedReleaseInvalidError, withAppErrors } from "./errors.ts";
import { formatUnixTime } from "./formatTime.ts";
import { imageRegistryAbi } from "./generated/imageRegistryAbi.ts";
import type { ReadClient } from "./readClient.ts";
import { type RegistryRef, registryAddressOf } from "./registryRef.ts";
import type { SignedRelease } from "./signedRelease.ts";
import { checkSignerSignature } from "./signerSignature.ts";

function invalid(
  problem: ConstructorParameters<typeof SignedReleaseInvalidError>[0],
  message: string,
): SignedReleaseInvalidError {
  return new SignedReleaseInvalidError(problem, message);
}

/** Resolves when publishBySig would accept the document on this client's chain and registry; rejects with an AppError otherwise. */
export async function validateSignedRelease(
  client: ReadClient,
  registryRef: RegistryRef,
  signed: SignedRelease,
): Promise<void> {
  const registry = registryAddressOf(registryRef);
  return withAppErrors(
    async () => {
      const chainId = await chainIdOf(client);
      if (signed.chainId !== chainId) {
        throw invalid(
          "wrong-chain",
          `This release was signed for chain ${signed.chainId}, but you are connected to chain ${chainId}. Switch to chain ${signed.chainId} to submit it.`,
        );
      }
      if (!isAddressEqual(signed.registry, registry)) {
        throw invalid(
          "wrong-registry",
          `This release was signed for the registry at ${signed.registry}, not ${registry}. A signature is valid for one registry only: ask the publisher to sign for this one.`,
        );
      }
      const delegated = !isAddressEqual(signed.signer, signed.publisher);
      const [, block, nonce, delegation] = await Promise.all([
        checkSignerSignature(client, signed),
        getBlock(client, { blockTag: "latest" }),
        readContract(client, {
          address: registry,
          abi: imageRegistryAbi,
          functionName: "nonces",
          args: [signed.publisher],
        }),
        delegated ? getDelegation(client, registry, signed.publisher, signed.signer) : null,
      ]);
      // The contract's rule at the head; a signature expiring in the next seconds may still miss its block.
      if (signed.deadline < block.timestamp) {
        throw invalid(
          "expired",
          `The signature expired on ${formatUnixTime(signed.deadline)}. Ask the publisher to sign again with a later deadline.`,
        );
      }
      if (signed.nonce < nonce) {
        throw invalid(
          "stale-nonce",
          `The publisher has revoked a release or cancelled its signatures since this was signed (nonce ${signed.nonce}, now ${nonce}), which voided the signature: ask for a new signature.`,
        );
      }
      if (signed.nonce > nonce) {
        throw invalid(
          "nonce-ahead",
          `This signature was made for the publisher's nonce ${signed.nonce}, which it has not reached (it is ${nonce} now), so the registry refuses it. Ask for a signature made for nonce ${nonce}.`,
        );
      }
      if (delegated) {
        const problem = delegationProblem(
          delegation,
          signed.publisher,
          signed.signer,
          signed.release.name,
          block.timestamp,
        );
        if (problem !== null) throw problem;
      }
    },
    { registry, chainId: client.chain?.id, subject: "publisher" },
  );
}
