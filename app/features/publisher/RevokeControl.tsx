// Loaded only with the wallet chunk: the Revoke action on a release, shown only to its publisher.
import { type FormEvent, useState } from "react";
import { type RevokeResult, revokeRelease } from "../../chain/actions/revokeRelease.ts";
import type { Release } from "../../chain/release.ts";
import { formatReleaseId } from "../../chain/releaseId.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { WritePhaseView } from "../../ui/WritePhaseView.tsx";
import { useRegistryWrite } from "../../wallet/useRegistryWrite.ts";
import { WalletGate } from "../../wallet/WalletGate.tsx";

export default function RevokeControl({ registryChain, release }: { registryChain: RegistryChain; release: Release }) {
  const write = useRegistryWrite<RevokeResult>(registryChain);
  const wallet = write.wallet;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const isPublisher = wallet.address?.toLowerCase() === release.publisher.toLowerCase();
  if (!isPublisher || release.revokedAt !== null) return null;

  function submit(event: FormEvent) {
    event.preventDefault();
    void write.run((clients, options) => revokeRelease(clients, registryChain, release.id, reason.trim(), options));
  }

  if (!open) {
    return (
      <button type="button" className="button button-danger" onClick={() => setOpen(true)}>
        Revoke…
      </button>
    );
  }
  return (
    <form className="form" onSubmit={submit} aria-label={`Revoke release ${formatReleaseId(release.id)}`}>
      <p className="muted">
        Revoking is public and final: verifiers will see this release as REVOKED, with your reason. The release stays
        readable.
      </p>
      <label className="field">
        Reason
        <input
          type="text"
          value={reason}
          maxLength={500}
          onChange={(event) => setReason(event.target.value)}
          placeholder="e.g. CVE-2026-1234 in the base image"
        />
      </label>
      <WalletGate wallet={wallet} registryChain={registryChain} action="revoke">
        <div className="row">
          <button type="submit" className="button button-danger" disabled={!write.canRun}>
            Revoke release
          </button>
          <button type="button" className="button" onClick={() => setOpen(false)} disabled={write.busy}>
            Keep it
          </button>
        </div>
      </WalletGate>
      {write.phase && (
        <WritePhaseView phase={write.phase} chain={registryChain.chain} confirmed={() => <p>Revoked.</p>} />
      )}
    </form>
  );
}
