// A hashing worker as the pool sees it, whatever the thread API underneath.
import type { HashRequest, HashResponse } from "./messages.ts";

export interface PoolWorker {
  post(request: HashRequest): void;
  onMessage(listener: (response: HashResponse) => void): void;
  /** The worker died (uncaught error, exit): its job is lost. */
  onFailure(listener: (error: Error) => void): void;
  /** Lets a Node process exit while the worker idles; a no-op in browsers. */
  setBusy(busy: boolean): void;
  terminate(): void;
}
