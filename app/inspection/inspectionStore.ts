// One archive inspection at a time per page, kept outside React: an inspection of a
// multi-GB file must survive the page being left and opened again (a route change). The
// engine's hash workers are created for an inspection and closed after it, so an idle
// page holds no workers.
import { InspectAbortedError } from "../image/errors.ts";
import { inspectArchive } from "../image/inspectArchive.ts";
import { createWebHashPool } from "../image/pool/webHashPool.ts";
import type { ArchiveReport, InspectProgress } from "../image/report.ts";

interface ChosenFile {
  name: string;
  size: number;
  /** The File itself, kept so a publisher can hash it again (e.g. for its archive digest). */
  file: File;
}

export type InspectionState =
  | { status: "idle" }
  | { status: "running"; file: ChosenFile; progress: InspectProgress | null }
  | { status: "done"; file: ChosenFile; report: ArchiveReport; ms: number }
  | { status: "cancelled"; file: ChosenFile }
  | { status: "failed"; file: ChosenFile; message: string };

export interface InspectionStore {
  getState(): InspectionState;
  subscribe(listener: () => void): () => void;
  /** Starts inspecting `file`, cancelling any inspection under way. */
  start(file: File, options?: { archiveDigest?: boolean }): void;
  cancel(): void;
  reset(): void;
}

function createInspectionStore(): InspectionStore {
  let state: InspectionState = { status: "idle" };
  let controller: AbortController | null = null;
  const listeners = new Set<() => void>();
  const set = (next: InspectionState) => {
    state = next;
    for (const listener of listeners) listener();
  };

  async function run(file: ChosenFile, archiveDigest: boolean, abort: AbortController): Promise<void> {
    const pool = createWebHashPool();
    const startedAt = performance.now();
    try {
      const report = await inspectArchive(file.file, {
        hashPool: pool,
        signal: abort.signal,
        archiveDigest,
        onProgress: (progress) => {
          if (controller === abort) set({ status: "running", file, progress });
        },
      });
      if (controller === abort) set({ status: "done", file, report, ms: performance.now() - startedAt });
    } catch (error) {
      if (controller !== abort) return;
      if (error instanceof InspectAbortedError) set({ status: "cancelled", file });
      else set({ status: "failed", file, message: error instanceof Error ? error.message : String(error) });
    } finally {
      if (controller === abort) controller = null;
      await pool.close();
    }
  }

  return {
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start(file, options = {}) {
      controller?.abort();
      const abort = new AbortController();
      controller = abort;
      const chosen: ChosenFile = { name: file.name, size: file.size, file };
      set({ status: "running", file: chosen, progress: null });
      void run(chosen, options.archiveDigest === true, abort);
    },
    cancel() {
      controller?.abort();
    },
    reset() {
      controller?.abort();
      controller = null;
      set({ status: "idle" });
    },
  };
}

// One store per page that inspects, created on first use (no work at import time).
const stores = new Map<string, InspectionStore>();
export function inspectionStoreFor(page: "verify" | "publish"): InspectionStore {
  let store = stores.get(page);
  if (store === undefined) {
    store = createInspectionStore();
    stores.set(page, store);
  }
  return store;
}
