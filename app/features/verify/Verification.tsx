import { useQuery } from "@tanstack/react-query";
import type { RegistryChain } from "../../config/chains.ts";
import type { ArchiveReport } from "../../image/report.ts";
import { ArchiveReportView } from "../../inspection/ArchiveReportView.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import type { Trust } from "../../verdict/trust.ts";
import { VerdictCard } from "./VerdictCard.tsx";
import { verificationQuery } from "./verificationQuery.ts";

/** The chain's answer for an inspected archive: one verdict card per image (or the file). */
export function Verification({ report, registryChain, trust, requestedName }: { report: ArchiveReport; registryChain: RegistryChain; trust: Trust; requestedName: string | null }) {
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
          <p>Could not read the registry on {registryChain.chain.name}: <UntrustedText text={verification.error.message} what="message" /></p>
          <button type="button" className="button" onClick={() => void verification.refetch()}>
            Try again
          </button>
        </div>
        <ArchiveReportView report={report} />
      </>
    );
  }
  const result = verification.data;
  return (
    <div className="verification" aria-live="polite">
      {result.targets.length > 1 && (
        <p className={`card verdict-overall verdict-${result.word.toLowerCase()}`} data-testid="overall-verdict">
          <strong className="verdict-word">{result.word}</strong> <UntrustedText text={result.summary} />
        </p>
      )}
      {result.targets.map((target, index) => (
        <VerdictCard key={index} verdict={target} report={report} registryChain={registryChain} />
      ))}
      {result.notes.length > 0 && (
        <ul className="notes muted" aria-label="Notes">
          {result.notes.map((note, index) => (
            <li key={index}>
              <UntrustedText text={note.message} />
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
