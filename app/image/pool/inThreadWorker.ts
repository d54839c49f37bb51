// A PoolWorker that runs the shared worker body on the calling thread. The Node pool
// uses one as its first worker: a worker thread takes 100–150 ms to boot (Node's
// bootstrap plus type-stripping the engine's modules) and ~35 MiB, while the CLI's main
// thread sits idle waiting for it. Never used in browsers, whose main thread is the UI's.
import type { HashRequest, HashResponse } from "./messages.ts";
import type { PoolWorker } from "./poolWorker.ts";
import { runHashRequest, type WorkerEnvironment } from "./runHashRequest.ts";

export function inThreadWorker(environment: WorkerEnvironment, onTerminate: () => void = () => {}): PoolWorker {
  const listeners: ((response: HashResponse) => void)[] = [];
  // One controller for the worker's life: terminate() stops the request under way between two chunks.
  const stop = new AbortController();
  return {
    post(request: HashRequest) {
      void runHashRequest(
        request,
        environment,
        (response) => {
          if (!stop.signal.aborted) for (const listener of listeners) listener(response);
        },
        stop.signal,
      );
    },
    onMessage: (listener) => void listeners.push(listener),
    // Its failures are the request's own errors, reported as messages.
    onFailure: () => {},
    setBusy: () => {},
    terminate: () => {
      if (stop.signal.aborted) return;
      stop.abort();
      onTerminate();
    },
  };
}
