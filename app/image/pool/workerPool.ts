// A HashPool over any kind of worker: one queue of jobs, at most `concurrency` workers,
// biggest jobs first. Aborting (or one job failing) terminates at once every worker busy
// with that run and drops its queued jobs; new workers are spawned on the next run.

import { HashWorkerError, type ImageEngineError, InspectAbortedError } from "../errors.ts";
import type { EntryDigests } from "../hash/entryDigester.ts";
import type { SourceHandle } from "../source/byteSource.ts";
import { itemAt, present } from "../util/itemAt.ts";
import type { GzipTarScan, HashPool, PoolRunOptions, RangeJob } from "./hashPool.ts";
import { laneGroups } from "./laneGroups.ts";
import { type HashRequest, type HashResponse, reviveError } from "./messages.ts";
import type { PoolWorker } from "./poolWorker.ts";

interface Run {
  onBytes?: (bytes: number) => void;
  failed: boolean;
  fail(error: ImageEngineError): void;
}

interface Task {
  request: HashRequest;
  /** Bytes the task reads: the queue runs the biggest first. */
  weight: number;
  run: Run;
  settle(response: HashResponse): void;
}

export class WorkerPool implements HashPool {
  readonly concurrency: number;
  /** SIMD lanes per worker (1: none): big jobs of similar sizes then go to one worker together. */
  readonly lanes: number;
  /** A task smaller than this waits for a running worker rather than start another (0: never waits). */
  readonly spawnMinBytes: number;
  readonly #spawnWorker: () => PoolWorker;
  readonly #queue: Task[] = [];
  readonly #idle: PoolWorker[] = [];
  readonly #busy = new Map<PoolWorker, Task>();
  #nextId = 1;
  #closed = false;

  constructor(
    spawnWorker: () => PoolWorker,
    concurrency: number,
    options: { lanes?: number; spawnMinBytes?: number } = {},
  ) {
    this.#spawnWorker = spawnWorker;
    this.concurrency = Math.max(1, Math.floor(concurrency));
    this.lanes = Math.max(1, Math.floor(options.lanes ?? 1));
    this.spawnMinBytes = options.spawnMinBytes ?? 0;
  }

  async digestRanges(
    source: SourceHandle,
    jobs: readonly RangeJob[],
    options: PoolRunOptions = {},
  ): Promise<EntryDigests[]> {
    const groups = laneGroups(
      jobs.map((job) => job.size),
      this.concurrency,
      this.lanes,
    );
    const grouped = new Set(groups.flat());
    // Each request with the indices of the jobs it answers, in order.
    const planned: { request: HashRequest; indices: number[] }[] = [
      ...groups.map((indices) => ({
        request: {
          type: "digest-lanes" as const,
          id: this.#nextId++,
          source,
          jobs: indices.map((i) => itemAt(jobs, i)),
        },
        indices,
      })),
      ...jobs.flatMap((job, i) =>
        grouped.has(i)
          ? []
          : [{ request: { type: "digest-range" as const, id: this.#nextId++, source, job }, indices: [i] }],
      ),
    ];
    const weight = (request: HashRequest) =>
      request.type === "digest-range"
        ? request.job.size
        : request.type === "digest-lanes"
          ? request.jobs.reduce((sum, job) => sum + job.size, 0)
          : 0;
    const responses = await this.#runAll(
      planned.map((p) => p.request),
      options,
      weight,
    );
    const results: EntryDigests[] = new Array(jobs.length);
    responses.forEach((response, r) => {
      const { indices } = planned[r] as (typeof planned)[number];
      if (response.type === "digests" && indices.length === 1) results[itemAt(indices, 0)] = response.digests;
      else if (response.type === "lane-digests" && response.digests.length === indices.length)
        indices.forEach((i, k) => {
          results[i] = itemAt(response.digests, k);
        });
      else throw new HashWorkerError(`unexpected "${response.type}" answer to a digest job`);
    });
    return results;
  }

  async scanGzipTar(source: SourceHandle, options: PoolRunOptions = {}): Promise<GzipTarScan> {
    const [response] = await this.#runAll([{ type: "scan-gzip-tar", id: this.#nextId++, source }], options, () => 0);
    if (response?.type !== "scan") throw new HashWorkerError(`unexpected "${response?.type}" answer to a scan job`);
    return response.scan;
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0)) task.run.fail(new HashWorkerError("the hash pool was closed"));
    for (const worker of [...this.#idle, ...this.#busy.keys()]) this.#discard(worker);
  }

  #runAll(
    requests: HashRequest[],
    options: PoolRunOptions,
    weight: (request: HashRequest) => number,
  ): Promise<HashResponse[]> {
    if (this.#closed) return Promise.reject(new HashWorkerError("the hash pool was closed"));
    if (options.signal?.aborted) return Promise.reject(new InspectAbortedError({ cause: options.signal.reason }));
    if (requests.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const results: HashResponse[] = new Array(requests.length);
      let remaining = requests.length;
      const onAbort = () => run.fail(new InspectAbortedError({ cause: options.signal?.reason }));
      const run: Run = {
        failed: false,
        fail: (error) => {
          if (run.failed) return;
          run.failed = true;
          options.signal?.removeEventListener("abort", onAbort);
          this.#cancel(run);
          reject(error);
        },
      };
      if (options.onBytes) run.onBytes = options.onBytes;
      options.signal?.addEventListener("abort", onAbort, { once: true });
      // Longest jobs first: the run ends sooner when one huge layer is not started last.
      const order = requests
        .map((request, index) => ({ request, index }))
        .sort((a, b) => weight(b.request) - weight(a.request));
      for (const { request, index } of order) {
        this.#queue.push({
          request,
          weight: weight(request),
          run,
          settle: (response) => {
            results[index] = response;
            if (--remaining === 0 && !run.failed) {
              options.signal?.removeEventListener("abort", onAbort);
              resolve(results);
            }
          },
        });
      }
      this.#schedule();
    });
  }

  #schedule(): void {
    while (this.#queue.length > 0) {
      const next = itemAt(this.#queue, 0);
      // A few KB of JSON are not worth a new worker (its isolate costs MiBs): they wait for a running one.
      const spawnable =
        this.#idle.length + this.#busy.size < this.concurrency &&
        (this.#busy.size === 0 || next.weight >= this.spawnMinBytes);
      const worker = this.#idle.pop() ?? (spawnable ? this.#spawn() : undefined);
      if (!worker) return;
      const task = present(this.#queue.shift(), "the queued task");
      this.#busy.set(worker, task);
      worker.setBusy(true);
      worker.post(task.request);
    }
  }

  #spawn(): PoolWorker {
    const worker = this.#spawnWorker();
    worker.onMessage((response) => this.#onResponse(worker, response));
    worker.onFailure((error) => this.#onFailure(worker, error));
    return worker;
  }

  #onResponse(worker: PoolWorker, response: HashResponse): void {
    const task = this.#busy.get(worker);
    if (!task || task.request.id !== response.id) return;
    if (response.type === "progress") {
      task.run.onBytes?.(response.bytes);
      return;
    }
    this.#busy.delete(worker);
    worker.setBusy(false);
    this.#idle.push(worker);
    if (response.type === "error") task.run.fail(reviveError(response.error));
    else task.settle(response);
    this.#schedule();
  }

  #onFailure(worker: PoolWorker, error: Error): void {
    const task = this.#busy.get(worker);
    this.#discard(worker);
    task?.run.fail(new HashWorkerError(`a hashing worker failed: ${error.message}`, { cause: error }));
    this.#schedule();
  }

  /** Drops a run's queued jobs and terminates the workers busy with it. */
  #cancel(run: Run): void {
    for (let i = this.#queue.length - 1; i >= 0; i--) if (this.#queue[i]?.run === run) this.#queue.splice(i, 1);
    for (const [worker, task] of [...this.#busy]) if (task.run === run) this.#discard(worker);
  }

  #discard(worker: PoolWorker): void {
    this.#busy.delete(worker);
    const idleIndex = this.#idle.indexOf(worker);
    if (idleIndex !== -1) this.#idle.splice(idleIndex, 1);
    worker.terminate();
  }
}
