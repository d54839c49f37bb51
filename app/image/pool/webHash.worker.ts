// Entry point of a browser hashing worker (a module Web Worker).
import { SourceReadError } from "../errors.ts";
import { portableGunzip } from "../hash/gunzipPlatform.ts";
import { Sha256Lanes } from "../hash/sha256Lanes.ts";
import { createWasmSha256Factory } from "../hash/wasmSha256.ts";
import { BlobSource } from "../source/blobSource.ts";
import type { SourceHandle } from "../source/byteSource.ts";
import type { HashRequest, HashResponse } from "./messages.ts";
import { runHashRequest, type WorkerEnvironment } from "./runHashRequest.ts";

/** The parts of DedicatedWorkerGlobalScope used here (the DOM lib does not declare it). */
interface WorkerScope {
  postMessage(message: HashResponse): void;
  addEventListener(type: "message", listener: (event: MessageEvent<HashRequest>) => void): void;
}

const scope = self as unknown as WorkerScope;

// One set of lanes per worker, made on the first request that needs it.
let lanes: Promise<Sha256Lanes | null> | undefined;

const environment: WorkerEnvironment = {
  createSha256: createWasmSha256Factory(),
  gunzip: portableGunzip,
  lanes: () => (lanes ??= Sha256Lanes.create()),
  openSource: async (handle: SourceHandle) => {
    if (handle.kind !== "blob") throw new SourceReadError("a browser worker can only read a File or Blob");
    return new BlobSource(handle.blob);
  },
};

scope.addEventListener("message", (event) => {
  void runHashRequest(event.data, environment, (response) => scope.postMessage(response));
});
