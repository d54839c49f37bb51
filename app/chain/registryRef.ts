// Actions take the registry as a bare address or as a configured RegistryChain (which also
// says where its logs start, so log scans never go back to genesis).
import type { Address } from "viem";

export type RegistryRef = Address | { registry: Address; deployedOnBlock?: bigint };

export function registryAddressOf(ref: RegistryRef): Address {
  return typeof ref === "string" ? ref : ref.registry;
}

/** The deployment block when known; 0 otherwise. */
export function deployedOnBlockOf(ref: RegistryRef): bigint {
  return typeof ref === "string" ? 0n : (ref.deployedOnBlock ?? 0n);
}
