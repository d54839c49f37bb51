// The Node HashPool: node:crypto hashing with positioned file reads, on worker_threads
// plus the calling thread. Only the CLI, scripts and tests import it; the browser bundle never does.
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { nodeGunzip } from "../hash/nodeGunzipPlatform.ts";
import { nodeSha256 } from "../hash/nodeSha256.ts";
import { BlobSource } from "../source/blobSource.ts";
import { NodeFileSource } from "../source/nodeFileSource.ts";
import type { HashPool } from "./hashPool.ts";
import { inThreadWorker } from "./inThreadWorker.ts";
import type { HashResponse } from "./messages.ts";
import type { PoolWorker } from "./poolWorker.ts";
import type { WorkerEnvironment } from "./runHashRequest.ts";
import { WorkerPool } from "./workerPool.ts";

/** The same environment as nodeHash.worker.ts, for the worker that runs on this thread. */
const environment: WorkerEnvironment = {
  createSha256: nodeSha256,
  gunzip: nodeGunzip,
  openSource: async (handle) =>
    handle.kind === "blob" ? new BlobSource(handle.blob) : NodeFileSource.open(handle.path),
};

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
const DEFAULT_MAX_WORKERS = 4;

export function createNodeHashPool(options: { concurrency?: number } = {}): HashPool {
  // The first worker runs on this thread: it starts hashing at once, while the worker
  // threads boot (see inThreadWorker.ts). One at most, however often the pool respawns.
  let inThread = false;
  const spawn = (): PoolWorker => {
    if (inThread) return spawnNodeWorker();
    inThread = true;
    return inThreadWorker(environment, () => (inThread = false));
  };
  return new WorkerPool(spawn, options.concurrency ?? Math.min(availableParallelism(), DEFAULT_MAX_WORKERS));
}
