import { useRegistryChain } from "../../config/useRegistryChain.ts";
import { Hex } from "../../ui/Hex.tsx";
import { useRegistryStatus } from "./useRegistryStatus.ts";

/** Which chain and contract the site talks to, and whether the contract answers. */
export function RegistryStatus() {
  const registryChain = useRegistryChain();
  const status = useRegistryStatus(registryChain);
  if (registryChain === null) {
    return <p role="status">No ImageRegistry deployment is configured for this build (see README: “Deploy to a public chain”).</p>;
  }
  return (
    <dl className="registry-status" aria-label="Registry">
      <div>
        <dt>Chain</dt>
        <dd data-testid="chain">
          {registryChain.chain.name} ({registryChain.chain.id})
        </dd>
      </div>
      <div>
        <dt>Registry</dt>
        <dd>
          <Hex value={registryChain.registry} label="registry address" testId="registry-address" />
        </dd>
      </div>
      <div>
        <dt>Releases</dt>
        <dd data-testid="release-count">
          {status.isPending ? "…" : status.isError ? <span role="alert">{status.error.message}</span> : String(status.data)}
        </dd>
      </div>
    </dl>
  );
}
