// Loaded only with the wallet chunk: Revoke on a delegate key, shown only to the publisher that granted it.
import type { Address } from "viem";
import { type RevokeDelegateResult, revokeDelegate } from "../../chain/actions/revokeDelegate.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { WritePhaseView } from "../../ui/WritePhaseView.tsx";
import { useRegistryWrite } from "../../wallet/useRegistryWrite.ts";

export default function RevokeDelegateControl({
  registryChain,
  publisher,
  delegate,
}: {
  registryChain: RegistryChain;
  publisher: Address;
  delegate: Address;
}) {
  const write = useRegistryWrite<RevokeDelegateResult>(registryChain);
  if (write.wallet.address?.toLowerCase() !== publisher.toLowerCase()) return null;

  function revoke() {
    void write.run((clients, options) => revokeDelegate(clients, registryChain, delegate, options));
  }

  return (
    <div className="form">
      <button
        type="button"
        className="button button-danger"
        disabled={!write.canRun}
        onClick={revoke}
        aria-label={`Revoke delegate key ${delegate}`}
      >
        Revoke this key
      </button>
      {write.phase && (
        <WritePhaseView
          phase={write.phase}
          chain={registryChain.chain}
          confirmed={() => <p>Revoked: releases by this key no longer count.</p>}
        />
      )}
    </div>
  );
}
