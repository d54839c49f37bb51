import { getAddress } from "viem";
import { readContract, signTypedData } from "viem/actions";
import { withAppErrors } from "../errors.ts";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import type { ReleaseInput } from "../release.ts";
import { releaseInputToChain } from "../releaseInput.ts";
import { releaseTypedData } from "../releaseTypedData.ts";
import { registryAddressOf, type RegistryRef } from "../registryRef.ts";
import { preflight, type WriteClients } from "../runWrite.ts";
import { SIGNED_RELEASE_FORMAT, SIGNED_RELEASE_VERSION, type SignedRelease } from "../signedRelease.ts";

/**
 * Has the wallet sign a release (EIP-712, no transaction, no gas) with the account's current
 * nonce, valid until `deadline` (unix seconds). Anyone can then submit the document with
 * submitSignedRelease; save it with serializeSignedRelease.
 */
export async function signRelease(clients: WriteClients, registryRef: RegistryRef, input: ReleaseInput, deadline: bigint): Promise<SignedRelease> {
  const registry = registryAddressOf(registryRef);
  return withAppErrors(async () => {
    const { account, chainId } = await preflight(clients, registry);
    const publisher = getAddress(account.address);
    const nonce = await readContract(clients.publicClient, { address: registry, abi: imageRegistryAbi, functionName: "nonces", args: [publisher] });
    const message = { ...releaseInputToChain(input), nonce, deadline };
    const signature = await signTypedData(clients.walletClient, { account, ...releaseTypedData(chainId, registry, message) });
    return { format: SIGNED_RELEASE_FORMAT, version: SIGNED_RELEASE_VERSION, chainId, registry: getAddress(registry), publisher, release: { ...input }, nonce, deadline, signature };
  }, { registry, chainId: clients.publicClient.chain?.id });
}
