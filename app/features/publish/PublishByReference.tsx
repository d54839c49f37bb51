// Publish page: "or a registry reference". The registry's report gives the same release
// candidates an archive does (manifest/index digests and image ID read from the registry);
// the name defaults to the reference.
import type { RegistryChain } from "../../config/chains.ts";
import { ArchiveReportView } from "../../inspection/ArchiveReportView.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import { publishCommand } from "../reference/cliCommand.ts";
import { ReferenceForm } from "../reference/ReferenceForm.tsx";
import { ReferenceProblem } from "../reference/ReferenceProblem.tsx";
import { ReferenceSummary } from "../reference/ReferenceSummary.tsx";
import { useReferenceInspection } from "../reference/useReferenceInspection.ts";
import { PublishArchive } from "./PublishArchive.tsx";
import { publishBlocker } from "./releaseCandidates.ts";

export function PublishByReference({ registryChain }: { registryChain: RegistryChain }) {
  const { state, start } = useReferenceInspection();
  const text = state.status === "idle" ? "" : state.text.trim();
  const blocker = state.status === "done" ? publishBlocker(state.report) : null;
  return (
    <>
      <ReferenceForm
        title="Or publish a registry reference"
        initial=""
        busy={state.status === "inspecting"}
        submitLabel="Read reference"
        onSubmit={start}
      />
      {state.status === "inspecting" && (
        <p role="status" className="card">
          Reading <UntrustedText text={text} what="reference" code /> from its registry…
        </p>
      )}
      {state.status === "failed" && (
        <ReferenceProblem
          problem={state.problem}
          command={publishCommand({ reference: text, rpcUrl: registryChain.rpcUrl, registry: registryChain.registry })}
        />
      )}
      {state.status === "done" && (
        <div data-testid="reference-result">
          <ReferenceSummary name={state.reference.name} report={state.report} ms={state.ms} />
          {blocker !== null ? (
            <>
              <p role="alert" className="card error">
                <UntrustedText text={blocker} />
              </p>
              <ArchiveReportView report={state.report} />
            </>
          ) : (
            <PublishArchive
              key={`${state.reference.name}:${state.ms}`}
              fileName={state.reference.name}
              report={state.report}
              registryChain={registryChain}
              defaultName={state.reference.name}
            />
          )}
        </div>
      )}
    </>
  );
}
