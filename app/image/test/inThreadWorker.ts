// Test-only: a PoolWorker that runs the shared worker body on this thread, with every
// message passed through structuredClone as a real worker's would be. With the browser
// environment (hash-wasm + BlobSource) it exercises the browser pipeline in Node.

import { SourceReadError } from "../errors.ts";
import { portableGunzip } from "../hash/gunzipPlatform.ts";
import { Sha256Lanes } from "../hash/sha256Lanes.ts";
import { createWasmSha256Factory } from "../hash/wasmSha256.ts";
import type { HashRequest, HashResponse } from "../pool/messages.ts";
import type { PoolWorker } from "../pool/poolWorker.ts";
import { runHashRequest, type WorkerEnvironment } from "../pool/runHashRequest.ts";
import { BlobSource } from "../source/blobSource.ts";

export function browserEnvironment(): WorkerEnvironment {
  let lanes: Promise<Sha256Lanes | null> | undefined;
  return {
    createSha256: createWasmSha256Factory(),
    // In Node, DecompressionStream reads past a member, so the probe turns the fast path off
    // and every gzip stream goes through the JavaScript decoder: the browsers' exact path.
    gunzip: portableGunzip,
    lanes: () => (lanes ??= Sha256Lanes.create()),
    openSource: async (handle) => {
      if (handle.kind !== "blob") throw new SourceReadError("a browser worker can only read a File or Blob");
      return new BlobSource(handle.blob);
    },
  };
}

export function inThreadWorker(environment: WorkerEnvironment): PoolWorker {
  const listeners: ((response: HashResponse) => void)[] = [];
  let terminated = false;
  return {
    post(request: HashRequest) {
      const cloned = structuredClone(request);
      void runHashRequest(cloned, environment, (response) => {
        if (!terminated) for (const listener of listeners) listener(structuredClone(response));
      });
    },
    onMessage: (listener) => void listeners.push(listener),
    onFailure: () => {},
    setBusy: () => {},
    terminate: () => {
      terminated = true;
    },
  };
}
