import { ProgressBar } from "../ui/ProgressBar.tsx";
import { UntrustedText } from "../ui/UntrustedText.tsx";
import { visibleText } from "../ui/visibleText.ts";
import type { InspectionState, InspectionStore } from "./inspectionStore.ts";

/** The check of a dropped file while it runs, or how it stopped short (Verify and Publish alike). */
export function InspectionProgress({ state, store }: { state: InspectionState; store: InspectionStore }) {
  if (state.status === "running")
    return (
      <ProgressBar
        label={`Checking ${visibleText(state.file.name)}`}
        progress={state.progress}
        onCancel={store.cancel}
      />
    );
  if (state.status === "cancelled") {
    return (
      <p role="status">
        Cancelled checking <UntrustedText text={state.file.name} what="file name" />.
      </p>
    );
  }
  if (state.status === "failed") {
    return (
      <p role="alert" className="card error">
        Could not check <UntrustedText text={state.file.name} what="file name" />:{" "}
        <UntrustedText text={state.message} what="message" />
      </p>
    );
  }
  return null;
}
