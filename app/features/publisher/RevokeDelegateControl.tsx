// Loaded only with the wallet chunk: Revoke on a delegate key, shown only to the publisher that granted it.
import { useQueryClient } from "@tanstack/react-query";
import type { Address } from "viem";
import { type RevokeDelegateResult, revokeDelegate } from "../../chain/actions/revokeDelegate.ts";
import { registryQueryKey } from "../../chain/queries/releaseQueries.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { WritePhaseView } from "../../ui/WritePhaseView.tsx";
import { useWriteClients } from "../../wallet/useWriteClients.ts";
import { useWriteRun } from "../../wallet/useWriteRun.ts";

export default function RevokeDelegateControl({
  registryChain,
  publisher,
  delegate,
}: {
  registryChain: RegistryChain;
  publisher: Address;
  delegate: Address;
}) {
  const wallet = useWriteClients(registryChain);
  const write = useWriteRun<RevokeDelegateResult>();
  const queryClient = useQueryClient();
  if (wallet.address?.toLowerCase() !== publisher.toLowerCase()) return null;

  function revoke() {
    const clients = wallet.clients;
    if (clients === null) return;
    void write.run((onPhase) =>
      revokeDelegate(clients, registryChain, delegate, {
        onPhase: (phase) => {
          onPhase(phase);
          if (phase.status === "confirmed")
            void queryClient.invalidateQueries({ queryKey: registryQueryKey(registryChain) });
        },
      }),
    );
  }

  return (
    <div className="form">
      <button
        type="button"
        className="button button-danger"
        disabled={write.busy || wallet.clients === null}
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
