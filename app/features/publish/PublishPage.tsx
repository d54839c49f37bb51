// Publish: drop the archive → choose the image → name it → review → the wallet signs.
// Lazy-loaded with the wallet chunk (it uses wagmi), so Verify never pays for it.
import { useCallback } from "react";
import type { RegistryChain } from "../../config/chains.ts";
import { useRegistryChain } from "../../config/useRegistryChain.ts";
import { ArchiveReportView } from "../../inspection/ArchiveReportView.tsx";
import { InspectionProgress } from "../../inspection/InspectionProgress.tsx";
import { InspectSummary } from "../../inspection/InspectSummary.tsx";
import { useInspection } from "../../inspection/useInspection.ts";
import { DropZone } from "../../ui/DropZone.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import { PublishArchive } from "./PublishArchive.tsx";
import { PublishByReference } from "./PublishByReference.tsx";
import { publishBlocker } from "./releaseCandidates.ts";
import { SubmitSignedRelease } from "./SubmitSignedRelease.tsx";

export default function PublishPage() {
  const registryChain = useRegistryChain();
  if (registryChain === null)
    return <p role="alert">This build knows no chain with an ImageRegistry, so nothing can be published.</p>;
  return <PublishFlow registryChain={registryChain} />;
}

function PublishFlow({ registryChain }: { registryChain: RegistryChain }) {
  const { state, store } = useInspection("publish");
  const onFile = useCallback((file: File) => store.start(file), [store]);
  const blocker = state.status === "done" ? publishBlocker(state.report) : null;
  return (
    <section className="page" aria-labelledby="publish-title">
      <h1 id="publish-title">Publish a release</h1>
      <p className="muted">
        Drop the archive you are releasing. Its identities are computed here, in your browser; your wallet then records
        them under a name on {registryChain.chain.name}. Nothing is uploaded, and a release is never overwritten — only
        revoked, by you.
      </p>
      <DropZone onFile={onFile} label="Choose an archive" hint="or drop it anywhere on this page" />
      <InspectionProgress state={state} store={store} />
      {state.status === "done" && <InspectSummary fileName={state.file.name} report={state.report} ms={state.ms} />}
      {state.status === "done" && blocker !== null && (
        <>
          <p role="alert" className="card error">
            <UntrustedText text={blocker} />
          </p>
          <ArchiveReportView report={state.report} />
        </>
      )}
      {state.status === "done" && blocker === null && (
        <PublishArchive
          key={`${state.file.name}:${state.ms}`}
          fileName={state.file.name}
          report={state.report}
          registryChain={registryChain}
        />
      )}
      <PublishByReference registryChain={registryChain} />
      <SubmitSignedRelease registryChain={registryChain} />
    </section>
  );
}
