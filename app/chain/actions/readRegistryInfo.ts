import type { Address } from "viem";
import { getCode, readContract } from "viem/actions";
import { RegistryMissingError, withAppErrors } from "../errors.ts";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import type { ReadClient } from "../readClient.ts";

interface RegistryInfo {
  /** The EIP-712 domain name and version the contract signs releases under. */
  name: string;
  version: string;
  chainId: bigint;
}

/** Checks that code exists at the registry address and that it answers as an ImageRegistry; rejects with an AppError (`registry-missing`, …). */
export async function readRegistryInfo(client: ReadClient, registry: Address): Promise<RegistryInfo> {
  return withAppErrors(
    async () => {
      const code = await getCode(client, { address: registry });
      if (code === undefined || code === "0x") throw new RegistryMissingError(registry, client.chain?.id ?? null);
      const [, name, version, chainId] = await readContract(client, {
        address: registry,
        abi: imageRegistryAbi,
        functionName: "eip712Domain",
      });
      return { name, version, chainId };
    },
    { registry, chainId: client.chain?.id },
  );
}
