import { useCallback } from "react";
import { ArchiveReportView } from "../../inspection/ArchiveReportView.tsx";
import { InspectSummary } from "../../inspection/InspectSummary.tsx";
import { useInspection } from "../../inspection/useInspection.ts";
import { DropZone } from "../../ui/DropZone.tsx";
import { ProgressBar } from "../../ui/ProgressBar.tsx";

export function VerifyPage() {
  const { state, store } = useInspection("verify");
  const onFile = useCallback((file: File) => store.start(file), [store]);
  return (
    <section className="page" aria-labelledby="verify-title">
      <h1 id="verify-title">Verify an image archive</h1>
      <p className="muted">
        Drop the <code>docker save</code>, <code>podman save</code> or OCI archive you pulled (.tar or .tar.gz), or any file. It is checked here, in
        your browser: nothing is uploaded.
      </p>
      <DropZone onFile={onFile} label="Choose an archive" hint="or drop it anywhere on this page" />
      {state.status === "running" && <ProgressBar label={`Checking ${state.file.name}`} progress={state.progress} onCancel={store.cancel} />}
      {state.status === "cancelled" && <p role="status">Cancelled checking {state.file.name}.</p>}
      {state.status === "failed" && (
        <p role="alert" className="card error">
          Could not check {state.file.name}: {state.message}
        </p>
      )}
      {state.status === "done" && (
        <>
          <InspectSummary fileName={state.file.name} report={state.report} ms={state.ms} />
          <ArchiveReportView report={state.report} />
        </>
      )}
    </section>
  );
}
