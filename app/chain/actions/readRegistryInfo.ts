import type { Address, PublicClient } from "viem";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";

export interface RegistryInfo {
  /** The EIP-712 domain name and version the contract signs releases under. */
  name: string;
  version: string;
  chainId: bigint;
}

export class RegistryMissingError extends Error {
  override readonly name = "RegistryMissingError";
  readonly address: Address;
  readonly chainId: number;
  constructor(address: Address, chainId: number) {
    super(`No contract at ${address} on chain ${chainId}: the configured deployment is wrong or the chain was reset.`);
    this.address = address;
    this.chainId = chainId;
  }
}

/** Checks that code exists at the registry address and that it answers as an ImageRegistry. */
export async function readRegistryInfo(client: PublicClient, registry: Address): Promise<RegistryInfo> {
  const code = await client.getCode({ address: registry });
  if (code === undefined || code === "0x") throw new RegistryMissingError(registry, client.chain?.id ?? 0);
  const [, name, version, chainId] = await client.readContract({ address: registry, abi: imageRegistryAbi, functionName: "eip712Domain" });
  return { name, version, chainId };
}
