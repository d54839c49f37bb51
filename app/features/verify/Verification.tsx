import { useQuery } from "@tanstack/react-query";
import type { RegistryChain } from "../../config/chains.ts";
import type { ArchiveReport } from "../../image/report.ts";
import { ArchiveReportView } from "../../inspection/ArchiveReportView.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import type { Trust } from "../../verdict/trust.ts";
import { ProofBundleDownload } from "./ProofBundleDownload.tsx";
import { VerificationView } from "./VerificationView.tsx";
import { verificationQuery } from "./verificationQuery.ts";

/** The chain's answer for an inspected archive: one verdict card per image (or the file), and the proof bundle that takes it offline. */
export function Verification({
  archiveName,
  report,
  registryChain,
  trust,
  requestedName,
}: {
  archiveName: string;
  report: ArchiveReport;
  registryChain: RegistryChain;
  trust: Trust;
  requestedName: string | null;
}) {
  const verification = useQuery(verificationQuery(registryChain, report, trust, requestedName));
  if (verification.isPending) {
    return (
      <p role="status" className="card">
        Reading the releases that name this archive's digests from {registryChain.chain.name}…
      </p>
    );
  }
  if (verification.isError) {
    return (
      <>
        <div role="alert" className="card error">
          <p>
            Could not read the registry on {registryChain.chain.name}:{" "}
            <UntrustedText text={verification.error.message} what="message" />
          </p>
          <p className="muted">
            No network here? Drop this archive together with a proof bundle (<code>.proof.json</code>) to verify it
            offline.
          </p>
          <button type="button" className="button" onClick={() => void verification.refetch()}>
            Try again
          </button>
        </div>
        <ArchiveReportView report={report} />
      </>
    );
  }
  return (
    <>
      <VerificationView result={verification.data} report={report} registryChain={registryChain} />
      {/* A proof bundle is checked offline against the archive's bytes: a reference has none here. */}
      {report.format !== "registry" && (
        <ProofBundleDownload
          key={archiveName}
          archiveName={archiveName}
          report={report}
          registryChain={registryChain}
          trust={trust}
          requestedName={requestedName}
        />
      )}
    </>
  );
}
