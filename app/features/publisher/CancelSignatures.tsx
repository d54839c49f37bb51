import { useState } from "react";
import { type InvalidateNoncesResult, invalidateNonces } from "../../chain/actions/invalidateNonces.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { WritePhaseView } from "../../ui/WritePhaseView.tsx";
import { useRegistryWrite } from "../../wallet/useRegistryWrite.ts";

/** Voids every signed release file of this publisher not yet submitted (invalidateNonces to current + 1). */
export function CancelSignatures({ registryChain }: { registryChain: RegistryChain }) {
  const [open, setOpen] = useState(false);
  const write = useRegistryWrite<InvalidateNoncesResult>(registryChain);

  function cancel() {
    void write.run((clients, options) => invalidateNonces(clients, registryChain, undefined, options));
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
          <button type="button" className="button button-danger" disabled={!write.canRun} onClick={cancel}>
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
