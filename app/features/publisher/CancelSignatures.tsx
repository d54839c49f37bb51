import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { type InvalidateNoncesResult, invalidateNonces } from "../../chain/actions/invalidateNonces.ts";
import { registryQueryKey } from "../../chain/queries/releaseQueries.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { WritePhaseView } from "../../ui/WritePhaseView.tsx";
import type { WriteClientsState } from "../../wallet/useWriteClients.ts";
import { useWriteRun } from "../../wallet/useWriteRun.ts";

/** Voids every signed release file of this publisher not yet submitted (invalidateNonces to current + 1). */
export function CancelSignatures({
  registryChain,
  wallet,
}: {
  registryChain: RegistryChain;
  wallet: WriteClientsState;
}) {
  const [open, setOpen] = useState(false);
  const write = useWriteRun<InvalidateNoncesResult>();
  const queryClient = useQueryClient();

  function cancel() {
    const clients = wallet.clients;
    if (clients === null) return;
    void write.run((onPhase) =>
      invalidateNonces(clients, registryChain, undefined, {
        onPhase: (phase) => {
          onPhase(phase);
          if (phase.status === "confirmed")
            void queryClient.invalidateQueries({ queryKey: registryQueryKey(registryChain) });
        },
      }),
    );
  }

  return (
    <section className="card form" aria-labelledby="cancel-signatures-title">
      <h3 id="cancel-signatures-title">Signed release files</h3>
      <p>
        Every signed release file you made and nobody has submitted yet stops working: submitting one is then refused.
        Releases already on chain are not touched. (Revoking a release does this too.)
      </p>
      {!open ? (
        <button type="button" className="button button-danger" onClick={() => setOpen(true)}>
          Cancel my outstanding signed releases…
        </button>
      ) : (
        <div className="row">
          <button
            type="button"
            className="button button-danger"
            disabled={write.busy || wallet.clients === null}
            onClick={cancel}
          >
            Cancel my outstanding signed releases
          </button>
          <button type="button" className="button" disabled={write.busy} onClick={() => setOpen(false)}>
            Keep them
          </button>
        </div>
      )}
      {write.phase && (
        <WritePhaseView
          phase={write.phase}
          chain={registryChain.chain}
          confirmed={(done) => (
            <p>Cancelled: only signatures made for nonce {done.nonce.toString()} or later are accepted now.</p>
          )}
        />
      )}
    </section>
  );
}
