import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { HashWorkerError, InspectAbortedError, TarFormatError } from "../errors.ts";
import { itemAt } from "../util/itemAt.ts";
import type { HashRequest, HashResponse } from "./messages.ts";
import { serializeError } from "./messages.ts";
import type { PoolWorker } from "./poolWorker.ts";
import { WorkerPool } from "./workerPool.ts";

/** A worker the test answers by hand. */
interface FakeWorker extends PoolWorker {
  requests: HashRequest[];
  terminated: boolean;
  answer(response: HashResponse): void;
  crash(error: Error): void;
}

function fakeWorkers(): { spawned: FakeWorker[]; spawn: () => PoolWorker } {
  const spawned: FakeWorker[] = [];
  const spawn = () => {
    let onMessage: (response: HashResponse) => void = () => {};
    let onFailure: (error: Error) => void = () => {};
    const worker: FakeWorker = {
      requests: [],
      terminated: false,
      post: (request) => void worker.requests.push(request),
      onMessage: (listener) => {
        onMessage = listener;
      },
      onFailure: (listener) => {
        onFailure = listener;
      },
      setBusy: () => {},
      terminate: () => {
        worker.terminated = true;
      },
      answer: (response) => onMessage(response),
      crash: (error) => onFailure(error),
    };
    spawned.push(worker);
    return worker;
  };
  return { spawned, spawn };
}

const source = { kind: "blob" as const, blob: new Blob(["x"]) };
const job = (size: number) => ({ offset: 0, size, decompress: false });
const digests = (size: number) => ({
  digest: `sha256:${String(size).padStart(64, "0")}` as const,
  size,
  compression: "none" as const,
});

function answerDigest(worker: FakeWorker, index = worker.requests.length - 1): void {
  const request = worker.requests[index];
  assert.ok(request?.type === "digest-range");
  worker.answer({ type: "digests", id: request.id, digests: digests(request.job.size) });
}

describe("WorkerPool", () => {
  test("runs at most `concurrency` jobs at once, biggest first, and returns results in job order", async () => {
    const { spawned, spawn } = fakeWorkers();
    const pool = new WorkerPool(spawn, 2);
    const run = pool.digestRanges(source, [job(1), job(300), job(20), job(4000)]);
    assert.equal(spawned.length, 2);
    assert.deepEqual(
      spawned.map((w) => w.requests.map((r) => r.type === "digest-range" && r.job.size)),
      [[4000], [300]],
    );
    answerDigest(itemAt(spawned, 1));
    assert.deepEqual(
      spawned[1]?.requests.map((r) => r.type === "digest-range" && r.job.size),
      [300, 20],
    );
    answerDigest(itemAt(spawned, 0));
    answerDigest(itemAt(spawned, 1));
    answerDigest(itemAt(spawned, 0));
    assert.deepEqual(
      (await run).map((d) => d.size),
      [1, 300, 20, 4000],
    );
    await pool.close();
  });

  test("forwards progress from the workers", async () => {
    const { spawned, spawn } = fakeWorkers();
    const pool = new WorkerPool(spawn, 1);
    const seen: number[] = [];
    const run = pool.digestRanges(source, [job(10)], { onBytes: (bytes) => seen.push(bytes) });
    const worker = itemAt(spawned, 0);
    const id = worker.requests[0]?.id ?? 0;
    worker.answer({ type: "progress", id, bytes: 4 });
    worker.answer({ type: "progress", id, bytes: 6 });
    answerDigest(worker);
    await run;
    assert.deepEqual(seen, [4, 6]);
  });

  test("abort terminates every busy worker at once, drops queued jobs and rejects with InspectAbortedError", async () => {
    const { spawned, spawn } = fakeWorkers();
    const pool = new WorkerPool(spawn, 2);
    const controller = new AbortController();
    const run = pool.digestRanges(source, [job(1), job(2), job(3)], { signal: controller.signal });
    controller.abort();
    await assert.rejects(run, InspectAbortedError);
    assert.ok(spawned.every((worker) => worker.terminated));
    assert.equal(spawned.flatMap((w) => w.requests).length, 2, "the third job never started");
    // The pool recovers with fresh workers.
    const next = pool.digestRanges(source, [job(5)]);
    const fresh = itemAt(spawned, 2);
    answerDigest(fresh);
    assert.equal((await next)[0]?.size, 5);
  });

  test("an already aborted signal rejects before any work", async () => {
    const { spawned, spawn } = fakeWorkers();
    await assert.rejects(
      new WorkerPool(spawn, 2).digestRanges(source, [job(1)], { signal: AbortSignal.abort() }),
      InspectAbortedError,
    );
    assert.equal(spawned.length, 0);
  });

  test("a job's typed error reaches the caller as the same type, and the run's other workers stop", async () => {
    const { spawned, spawn } = fakeWorkers();
    const pool = new WorkerPool(spawn, 2);
    const run = pool.digestRanges(source, [job(1), job(2)]);
    const failing = itemAt(spawned, 0);
    failing.answer({
      type: "error",
      id: failing.requests[0]?.id ?? 0,
      error: serializeError(new TarFormatError("bad header", 1024)),
    });
    await assert.rejects(
      run,
      (error: unknown) =>
        error instanceof TarFormatError && error.offset === 1024 && /bad header \(at byte 1024\)/.test(error.message),
    );
    assert.equal(spawned[1]?.terminated, true);
  });

  test("a crashed worker fails its run with HashWorkerError", async () => {
    const { spawned, spawn } = fakeWorkers();
    const pool = new WorkerPool(spawn, 1);
    const run = pool.digestRanges(source, [job(1)]);
    spawned[0]?.crash(new Error("out of memory"));
    await assert.rejects(
      run,
      (error: unknown) => error instanceof HashWorkerError && /out of memory/.test(error.message),
    );
  });

  test("close rejects queued work and refuses new work", async () => {
    const { spawn } = fakeWorkers();
    const pool = new WorkerPool(spawn, 1);
    const run = pool.digestRanges(source, [job(1), job(2)]);
    await pool.close();
    await assert.rejects(run, HashWorkerError);
    await assert.rejects(pool.digestRanges(source, [job(1)]), HashWorkerError);
  });
});
