// The Node HashPool: worker_threads hashing with node:crypto and positioned file reads.
// Only the CLI, scripts and tests import it; the browser bundle never does.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { HashPool } from "./hashPool.ts";
import type { HashResponse } from "./messages.ts";
import type { PoolWorker } from "./poolWorker.ts";
import { WorkerPool } from "./workerPool.ts";

function spawnNodeWorker(): PoolWorker {
  const worker = new Worker(new URL("./nodeHash.worker.ts", import.meta.url));
  worker.unref();
  return {
    post: (request) => worker.postMessage(request),
    onMessage: (listener) => void worker.on("message", (response: HashResponse) => listener(response)),
    onFailure: (listener) => {
      worker.on("error", listener);
      worker.on("exit", (code) => listener(new Error(`worker exited with code ${code}`)));
    },
    setBusy: (busy) => (busy ? worker.ref() : worker.unref()),
    terminate: () => void worker.terminate(),
  };
}

/**
 * One worker per core, at most DEFAULT_MAX_WORKERS unless asked: each Node worker is an
 * isolate of ~35 MiB, and beyond a few workers the disk, not SHA-256, sets the pace.
 */
export const DEFAULT_MAX_WORKERS = 4;

export function createNodeHashPool(options: { concurrency?: number } = {}): HashPool {
  return new WorkerPool(spawnNodeWorker, options.concurrency ?? Math.min(availableParallelism(), DEFAULT_MAX_WORKERS));
}
