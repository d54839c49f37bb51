import { useAppConfig } from "./AppConfigContext.tsx";
import type { RegistryChain } from "./chains.ts";

/** The configured chain with this id (links name their chain), or null when this build does not know it. */
export function useRegistryChainById(chainId: number): RegistryChain | null {
  return useAppConfig().chains.find(({ chain }) => chain.id === chainId) ?? null;
}
