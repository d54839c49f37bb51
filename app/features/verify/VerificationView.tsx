import type { RegistryChain } from "../../config/chains.ts";
import type { ArchiveReport } from "../../image/report.ts";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import type { VerificationResult } from "../../verdict/verdict.ts";
import { VerdictCard } from "./VerdictCard.tsx";

/** A decided verification: the overall word (for several targets), a card per target, the notes. The same for an online and an offline answer. */
export function VerificationView({
  result,
  report,
  registryChain,
}: {
  result: VerificationResult;
  report: ArchiveReport;
  registryChain: RegistryChain;
}) {
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
