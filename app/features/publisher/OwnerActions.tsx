import { lazy, Suspense } from "react";
import type { Release } from "../../chain/release.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { WalletScope } from "../../wallet/WalletScope.tsx";

const RevokeControl = lazy(() => import("./RevokeControl.tsx"));

/** The publisher's own actions on a release, once wallet support is loaded (it decides whose page this is). */
export function OwnerActions({ registryChain, release }: { registryChain: RegistryChain; release: Release }) {
  return (
    <WalletScope>
      <Suspense fallback={null}>
        <RevokeControl registryChain={registryChain} release={release} />
      </Suspense>
    </WalletScope>
  );
}
