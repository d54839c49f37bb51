import { useCallback } from "react";
import { useRegistryChain } from "../../config/useRegistryChain.ts";
import { ArchiveReportView } from "../../inspection/ArchiveReportView.tsx";
import { InspectionProgress } from "../../inspection/InspectionProgress.tsx";
import { InspectSummary } from "../../inspection/InspectSummary.tsx";
import { useInspection } from "../../inspection/useInspection.ts";
import { useLocation } from "../../routing/useLocation.ts";
import { useTrust } from "../../trust/useTrust.ts";
import { DropZone } from "../../ui/DropZone.tsx";
import { LookupForm } from "./LookupForm.tsx";
import { TrustNotice } from "./TrustNotice.tsx";
import { Verification } from "./Verification.tsx";

export function VerifyPage() {
  const { state, store } = useInspection("verify");
  const registryChain = useRegistryChain();
  const trust = useTrust();
  const requestedName = useLocation().params.get("name");
  const onFile = useCallback((file: File) => store.start(file), [store]);
  return (
    <section className="page" aria-labelledby="verify-title">
      <h1 id="verify-title">Verify an image archive</h1>
      <p className="muted">
        Drop the <code>docker save</code>, <code>podman save</code> or OCI archive you pulled (.tar or .tar.gz), or any file. It is checked here, in
        your browser — nothing is uploaded — then compared with the releases recorded on chain. No wallet needed.
      </p>
      <TrustNotice requestedName={requestedName} />
      <DropZone onFile={onFile} label="Choose an archive" hint="or drop it anywhere on this page" />
      <InspectionProgress state={state} store={store} />
      {state.status === "done" && (
        <>
          <InspectSummary fileName={state.file.name} report={state.report} ms={state.ms} />
          {registryChain === null ? (
            <ArchiveReportView report={state.report} />
          ) : (
            <Verification report={state.report} registryChain={registryChain} trust={trust} requestedName={requestedName} />
          )}
        </>
      )}
      <LookupForm />
    </section>
  );
}
