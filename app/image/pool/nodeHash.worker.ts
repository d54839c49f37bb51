// Entry point of a Node hashing worker (worker_threads).
import { parentPort } from "node:worker_threads";
import { nodeGunzip } from "../hash/nodeGunzipPlatform.ts";
import { nodeSha256 } from "../hash/nodeSha256.ts";
import { BlobSource } from "../source/blobSource.ts";
import type { SourceHandle } from "../source/byteSource.ts";
import { NodeFileSource } from "../source/nodeFileSource.ts";
import type { HashRequest, HashResponse } from "./messages.ts";
import { runHashRequest, type WorkerEnvironment } from "./runHashRequest.ts";

const port = parentPort;
if (!port) throw new Error("nodeHash.worker.ts must run in a worker thread");

const environment: WorkerEnvironment = {
  createSha256: nodeSha256,
  gunzip: nodeGunzip,
  openSource: async (handle: SourceHandle) =>
    handle.kind === "blob" ? new BlobSource(handle.blob) : NodeFileSource.open(handle.path),
};

port.on("message", (request: HashRequest) => {
  void runHashRequest(request, environment, (response: HashResponse) => port.postMessage(response));
});
