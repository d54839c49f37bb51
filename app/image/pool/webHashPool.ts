// The browser HashPool: module Web Workers hashing with hash-wasm. Each job gets the
// File/Blob itself (structured clone shares its bytes) plus the range to hash.
import { LANES, lanesSupported } from "../hash/sha256Lanes.ts";
import type { HashPool } from "./hashPool.ts";
import type { HashResponse } from "./messages.ts";
import type { PoolWorker } from "./poolWorker.ts";
import { WorkerPool } from "./workerPool.ts";

function spawnWebWorker(): PoolWorker {
  // This exact form is what Vite recognizes and bundles as a module worker.
  const worker = new Worker(new URL("./webHash.worker.ts", import.meta.url), { type: "module" });
  return {
    post: (request) => worker.postMessage(request),
    onMessage: (listener) =>
      worker.addEventListener("message", (event: MessageEvent<HashResponse>) => listener(event.data)),
    onFailure: (listener) => {
      worker.addEventListener("error", (event: ErrorEvent) => {
        event.preventDefault();
        listener(new Error(event.message || "worker error"));
      });
      worker.addEventListener("messageerror", () => listener(new Error("a worker message could not be deserialized")));
    },
    setBusy: () => {},
    terminate: () => worker.terminate(),
  };
}

/** Jobs smaller than this never start a worker of their own (see WorkerPool.spawnMinBytes). */
const SPAWN_MIN_BYTES = 1024 * 1024;

/** One worker per core, at most this many unless asked (as the Node pool). */
const DEFAULT_MAX_WORKERS = 4;

export function createWebHashPool(options: { concurrency?: number } = {}): HashPool {
  const cores = globalThis.navigator?.hardwareConcurrency || DEFAULT_MAX_WORKERS;
  // SIMD lanes where WebAssembly has them: several layers per worker (see laneGroups.ts).
  // Small jobs (configs, manifests) wait for a running worker: a Web Worker costs several MiB.
  return new WorkerPool(spawnWebWorker, options.concurrency ?? Math.min(cores, DEFAULT_MAX_WORKERS), {
    lanes: lanesSupported() ? LANES : 1,
    spawnMinBytes: SPAWN_MIN_BYTES,
  });
}
