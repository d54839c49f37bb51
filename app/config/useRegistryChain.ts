import { useSyncExternalStore } from "react";
import { useAppConfig } from "./AppConfigContext.tsx";
import type { RegistryChain } from "./chains.ts";

// The chain the user reads from. Kept in localStorage so it survives reloads; a link
// may override it with `?chain=<id>` (handled by the pages that take links).
const STORAGE_KEY = "imageseal.chainId";
const listeners = new Set<() => void>();

function readStoredChainId(): number | null {
  const stored = window.localStorage.getItem(STORAGE_KEY);
  return stored !== null && /^\d+$/.test(stored) ? Number(stored) : null;
}

export function selectChain(chainId: number): void {
  window.localStorage.setItem(STORAGE_KEY, String(chainId));
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The selected chain with an ImageRegistry, or null when the build knows none. */
export function useRegistryChain(): RegistryChain | null {
  const { chains } = useAppConfig();
  const storedId = useSyncExternalStore(subscribe, readStoredChainId);
  return chains.find(({ chain }) => chain.id === storedId) ?? chains[0] ?? null;
}
