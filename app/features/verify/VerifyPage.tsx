import { useCallback } from "react";
import { useRegistryChain } from "../../config/useRegistryChain.ts";
import { ArchiveReportView } from "../../inspection/ArchiveReportView.tsx";
import { InspectionProgress } from "../../inspection/InspectionProgress.tsx";
import { InspectSummary } from "../../inspection/InspectSummary.tsx";
import { useInspection } from "../../inspection/useInspection.ts";
import { useLocation } from "../../routing/useLocation.ts";
import { useTrust } from "../../trust/useTrust.ts";
import { DropZone } from "../../ui/DropZone.tsx";
import { ReferenceVerification } from "../reference/ReferenceVerification.tsx";
import { sortDroppedFiles } from "./droppedFiles.ts";
import { LookupForm } from "./LookupForm.tsx";
import { OfflineVerification } from "./OfflineVerification.tsx";
import { SignedReleaseVerification } from "./SignedReleaseVerification.tsx";
import { TrustNotice } from "./TrustNotice.tsx";
import { useProofBundleFile } from "./useProofBundleFile.ts";
import { useSignedReleaseFile } from "./useSignedReleaseFile.ts";
import { Verification } from "./Verification.tsx";

export function VerifyPage() {
  const { state, store } = useInspection("verify");
  const registryChain = useRegistryChain();
  const trust = useTrust();
  const { params } = useLocation();
  const requestedName = params.get("name");
  const linkedReference = params.get("ref");
  const bundleFile = useProofBundleFile();
  const signedReleaseFile = useSignedReleaseFile();
  const { load } = bundleFile;
  const loadSignedRelease = signedReleaseFile.load;
  // The bundle is taken before the archive starts, so an archive dropped with its bundle never
  // reaches the online verification (no request leaves an air-gapped page).
  const onFiles = useCallback(
    (files: File[]) => {
      void sortDroppedFiles(files).then(({ archive, bundle, signedRelease }) => {
        if (bundle) load(bundle);
        if (signedRelease) loadSignedRelease(signedRelease);
        if (archive) store.start(archive);
      });
    },
    [load, loadSignedRelease, store],
  );
  const report = state.status === "done" ? state.report : null;
  return (
    <section className="page" aria-labelledby="verify-title">
      <h1 id="verify-title">Verify an image</h1>
      <p data-testid="product-purpose">
        ImageSeal checks that a container image is exactly what its publisher released under a name, against a public
        record the publisher signed — your file never leaves this device.
      </p>
      <p className="muted">
        Drop the <code>docker save</code>, <code>podman save</code> or OCI archive you pulled (.tar or .tar.gz), or any
        file. It is checked here, in your browser — nothing is uploaded — then compared with the releases recorded on
        chain. No wallet needed. With no network, drop it together with a proof bundle (<code>.proof.json</code>, from
        this page or <code>imageseal bundle</code>), or with a signed-release file that was never submitted. Or check an
        image by its registry reference below.
      </p>
      <TrustNotice requestedName={requestedName} />
      <DropZone
        onFiles={onFiles}
        label="Choose an archive"
        hint="or drop it anywhere on this page, with its proof bundle to verify offline"
      />
      <ReferenceVerification
        registryChain={registryChain}
        trust={trust}
        requestedName={requestedName}
        linkedReference={linkedReference}
      />
      {bundleFile.error !== null && (
        <p role="alert" className="card error" data-testid="bundle-unreadable">
          {bundleFile.error}
        </p>
      )}
      {signedReleaseFile.error !== null && (
        <p role="alert" className="card error" data-testid="signed-release-unreadable">
          {signedReleaseFile.error}
        </p>
      )}
      <InspectionProgress state={state} store={store} />
      {state.status === "done" && <InspectSummary fileName={state.file.name} report={state.report} ms={state.ms} />}
      {bundleFile.loaded !== null ? (
        registryChain === null ? (
          <p role="alert" className="card error">
            This site was built without a registry, so it has nothing to check a proof bundle against.
          </p>
        ) : (
          <OfflineVerification
            key={bundleFile.loaded.loadId}
            loaded={bundleFile.loaded}
            report={report}
            registryChain={registryChain}
            trust={trust}
            requestedName={requestedName}
            onClear={bundleFile.clear}
          />
        )
      ) : signedReleaseFile.loaded !== null && registryChain !== null ? (
        <SignedReleaseVerification
          key={signedReleaseFile.loaded.loadId}
          loaded={signedReleaseFile.loaded}
          report={report}
          registryChain={registryChain}
          trust={trust}
          requestedName={requestedName}
          onClear={signedReleaseFile.clear}
        />
      ) : (
        state.status === "done" &&
        (registryChain === null ? (
          <ArchiveReportView report={state.report} />
        ) : (
          <Verification
            archiveName={state.file.name}
            report={state.report}
            registryChain={registryChain}
            trust={trust}
            requestedName={requestedName}
          />
        ))
      )}
      <LookupForm />
    </section>
  );
}
