import type { RegistryChain } from "../../config/chains.ts";
import { useRegistryChain } from "../../config/useRegistryChain.ts";
import { Hex } from "../../ui/Hex.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import { useRegistryStatus } from "./useRegistryStatus.ts";

/** Which chain and contract the site talks to, and whether the contract answers. */
export function RegistryStatus() {
  const registryChain = useRegistryChain();
  if (registryChain === null) {
    return (
      <p role="status">
        No ImageRegistry deployment is configured for this build (see the README: “Deploy to a public chain”).
      </p>
    );
  }
  return <RegistryStatusOf registryChain={registryChain} />;
}

function RegistryStatusOf({ registryChain }: { registryChain: RegistryChain }) {
  const status = useRegistryStatus(registryChain);
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
        <dt>Contract</dt>
        <dd data-testid="registry-info">
          {status.isPending ? (
            "checking…"
          ) : status.isError ? (
            <span role="alert">
              <UntrustedText text={status.error.message} what="message" />
            </span>
          ) : (
            `${status.data.name} v${status.data.version}, answering`
          )}
        </dd>
      </div>
    </dl>
  );
}
