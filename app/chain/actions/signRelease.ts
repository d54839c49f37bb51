import { type Address, getAddress, isAddressEqual } from "viem";
import { getBlock, readContract, signTypedData } from "viem/actions";
import { delegationProblem } from "../delegationProblem.ts";
import { withAppErrors } from "../errors.ts";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import { type RegistryRef, registryAddressOf } from "../registryRef.ts";
import type { ReleaseInput } from "../release.ts";
import { releaseMessage, releaseTypedData } from "../releaseTypedData.ts";
import { preflight, type WriteClients } from "../runWrite.ts";
import { SIGNED_RELEASE_FORMAT, SIGNED_RELEASE_VERSION, type SignedRelease } from "../signedRelease.ts";
import { getDelegation } from "./getDelegation.ts";

interface SignReleaseOptions {
  /**
   * Whose release it is; default the wallet's own account. Another address makes the wallet its
   * delegate key: the publisher's grant to it must be in force and cover the name (checked
   * before the wallet is asked).
   */
  publisher?: Address;
}

/**
 * Has the wallet sign a release (EIP-712, no transaction, no gas) for the publisher's current
 * nonce, valid until `deadline` (unix seconds) and until the publisher next revokes a release
 * or cancels its signatures. Anyone can then submit the document with submitSignedRelease;
 * save it with serializeSignedRelease.
 */
export async function signRelease(
  clients: WriteClients,
  registryRef: RegistryRef,
  input: ReleaseInput,
  deadline: bigint,
  options: SignReleaseOptions = {},
): Promise<SignedRelease> {
  const registry = registryAddressOf(registryRef);
  return withAppErrors(
    async () => {
      const { account, chainId } = await preflight(clients, registry);
      const signer = getAddress(account.address);
      const publisher = getAddress(options.publisher ?? signer);
      const delegated = !isAddressEqual(publisher, signer);
      const [nonce, delegation, block] = await Promise.all([
        readContract(clients.publicClient, {
          address: registry,
          abi: imageRegistryAbi,
          functionName: "nonces",
          args: [publisher],
        }),
        delegated ? getDelegation(clients.publicClient, registry, publisher, signer) : null,
        delegated ? getBlock(clients.publicClient, { blockTag: "latest" }) : null,
      ]);
      if (delegated && block !== null) {
        const problem = delegationProblem(delegation, publisher, signer, input.name, block.timestamp);
        if (problem !== null) throw problem;
      }
      const signature = await signTypedData(clients.walletClient, {
        account,
        ...releaseTypedData(chainId, registry, releaseMessage(publisher, input, nonce, deadline)),
      });
      return {
        format: SIGNED_RELEASE_FORMAT,
        version: SIGNED_RELEASE_VERSION,
        chainId,
        registry: getAddress(registry),
        publisher,
        signer,
        release: { ...input },
        nonce,
        deadline,
        signature,
      };
    },
    { registry, chainId: clients.publicClient.chain?.id },
  );
}
