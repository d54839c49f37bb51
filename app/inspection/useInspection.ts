import { useSyncExternalStore } from "react";
import { type InspectionState, type InspectionStore, inspectionStoreFor } from "./inspectionStore.ts";

export function useInspection(page: "verify" | "publish"): { state: InspectionState; store: InspectionStore } {
  const store = inspectionStoreFor(page);
  const state = useSyncExternalStore(store.subscribe, store.getState);
  return { state, store };
}
