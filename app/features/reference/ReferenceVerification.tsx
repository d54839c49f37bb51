// Verify page: a registry reference instead of an archive. The registry's identities go
// through the very verification an archive does (Verification → VerificationView); the
// name asked about is the page's `?name=` or else the reference itself.
import { useEffect } from "react";
import type { RegistryChain } from "../../config/chains.ts";
import { ArchiveReportView } from "../../inspection/ArchiveReportView.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import type { Trust } from "../../verdict/trust.ts";
import { namespacesFor, publishersTrustedFor } from "../../verdict/trust.ts";
import { Verification } from "../verify/Verification.tsx";
import { verifyCommand } from "./cliCommand.ts";
import { ReferenceForm } from "./ReferenceForm.tsx";
import { ReferenceProblem } from "./ReferenceProblem.tsx";
import { ReferenceSummary } from "./ReferenceSummary.tsx";
import { useReferenceInspection } from "./useReferenceInspection.ts";

export function ReferenceVerification({
  registryChain,
  trust,
  requestedName,
  linkedReference,
}: {
  registryChain: RegistryChain | null;
  trust: Trust;
  requestedName: string | null;
  linkedReference: string | null;
}) {
  const { state, start } = useReferenceInspection();
  // `#/?ref=…` checks the reference as the page opens. Not guarded to run once: a remount
  // (StrictMode's, in development) aborts the check in the hook's cleanup and must start it again.
  useEffect(() => {
    if (linkedReference !== null) start(linkedReference, null);
  }, [linkedReference, start]);

  const text = state.status === "idle" ? (linkedReference ?? "") : state.text.trim();
  const name = requestedName ?? (state.status === "done" ? state.reference.name : null);
  const command = registryChain
    ? verifyCommand({
        reference: text,
        rpcUrl: registryChain.rpcUrl,
        registry: registryChain.registry,
        publishers: publishersTrustedFor(trust, name ?? text),
        namespaces: namespacesFor(trust, name ?? text),
        name: requestedName,
      })
    : "";
  return (
    <>
      <ReferenceForm
        key={linkedReference ?? ""}
        title="Or verify a registry reference"
        initial={linkedReference ?? ""}
        busy={state.status === "inspecting"}
        submitLabel="Verify reference"
        onSubmit={start}
      />
      {state.status === "inspecting" && (
        <p role="status" className="card">
          Reading <UntrustedText text={state.text.trim()} what="reference" code /> from its registry…
        </p>
      )}
      {state.status === "failed" && <ReferenceProblem problem={state.problem} command={command} />}
      {state.status === "done" && (
        <div data-testid="reference-result">
          <ReferenceSummary name={state.reference.name} report={state.report} ms={state.ms} />
          {registryChain === null ? (
            <ArchiveReportView report={state.report} />
          ) : (
            <Verification
              archiveName={state.reference.name}
              report={state.report}
              registryChain={registryChain}
              trust={trust}
              requestedName={name}
            />
          )}
        </div>
      )}
    </>
  );
}
