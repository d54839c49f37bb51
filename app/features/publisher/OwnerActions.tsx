import { lazy, Suspense } from "react";
import type { Release } from "../../chain/release.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { useWalletState } from "../../wallet/useWallet.ts";

const RevokeControl = lazy(() => import("./RevokeControl.tsx"));

/** The publisher's own actions on a release, once wallet support is loaded (it decides whose page this is). */
export function OwnerActions({ registryChain, release }: { registryChain: RegistryChain; release: Release }) {
  const wallet = useWalletState();
  if (wallet.status !== "ready") return null;
  return (
    <Suspense fallback={null}>
      <RevokeControl registryChain={registryChain} release={release} />
    </Suspense>
  );
}
