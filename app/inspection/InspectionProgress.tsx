import { ProgressBar } from "../ui/ProgressBar.tsx";
import type { InspectionState, InspectionStore } from "./inspectionStore.ts";

/** The check of a dropped file while it runs, or how it stopped short (Verify and Publish alike). */
export function InspectionProgress({ state, store }: { state: InspectionState; store: InspectionStore }) {
  if (state.status === "running") return <ProgressBar label={`Checking ${state.file.name}`} progress={state.progress} onCancel={store.cancel} />;
  if (state.status === "cancelled") return <p role="status">Cancelled checking {state.file.name}.</p>;
  if (state.status === "failed") {
    return (
      <p role="alert" className="card error">
        Could not check {state.file.name}: {state.message}
      </p>
    );
  }
  return null;
}
