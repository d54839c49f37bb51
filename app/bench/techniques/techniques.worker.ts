// Runs one technique on a byte range of the File and reports its time (bench only).
import { createSHA256, type IHasher } from "hash-wasm";
import { portableGunzip } from "../../image/hash/gunzipPlatform.ts";
import { LANE_WRITE_MAX, Sha256Lanes } from "../../image/hash/sha256Lanes.ts";
import { createWasmSha256Factory } from "../../image/hash/wasmSha256.ts";
import { digestLanes } from "../../image/pool/digestLanes.ts";
import { BlobSource } from "../../image/source/blobSource.ts";
import type { ChunkMessage, TechniqueRequest, TechniqueResult } from "./techniqueModes.ts";

interface WorkerScope {
  postMessage(message: TechniqueResult): void;
  addEventListener(type: "message", listener: (event: MessageEvent<TechniqueRequest | ChunkMessage>) => void): void;
}
const scope = self as unknown as WorkerScope;
const SLICE = 2 * 1024 * 1024;
const BUFFER = 1024 * 1024;

async function slices(
  file: Blob,
  start: number,
  end: number,
  hasher: IHasher | null,
  readAhead: boolean,
): Promise<number> {
  let bytes = 0;
  const read = (offset: number) => file.slice(offset, Math.min(end, offset + SLICE)).arrayBuffer();
  let next = read(start);
  for (let offset = start; offset < end; offset += SLICE) {
    const current = readAhead ? next : read(offset);
    const chunk = new Uint8Array(await current);
    if (readAhead && offset + SLICE < end) next = read(offset + SLICE);
    hasher?.update(chunk);
    bytes += chunk.length;
  }
  return bytes;
}

async function stream(file: Blob, start: number, end: number, hasher: IHasher | null, byob: boolean): Promise<number> {
  let bytes = 0;
  const source = file.slice(start, end).stream();
  if (!byob) {
    const reader = source.getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      hasher?.update(next.value);
      bytes += next.value.length;
    }
    return bytes;
  }
  const reader = source.getReader({ mode: "byob" });
  let buffer = new ArrayBuffer(BUFFER);
  for (;;) {
    const next = await reader.read(new Uint8Array(buffer));
    if (next.done || !next.value) return bytes;
    hasher?.update(next.value);
    bytes += next.value.length;
    buffer = next.value.buffer as ArrayBuffer;
  }
}

async function smallJobs(reuse: boolean): Promise<number> {
  const data = new Uint8Array(1024).fill(7);
  const shared = await createSHA256();
  for (let i = 0; i < 200; i++) {
    const hasher = reuse ? shared : await createSHA256();
    hasher.init();
    hasher.update(data);
    hasher.digest("hex");
  }
  return 200 * data.length;
}

/** The range split in four, one per lane. */
function quarters(start: number, end: number): { offset: number; size: number; decompress: boolean }[] {
  const share = Math.ceil((end - start) / 4);
  return [0, 1, 2, 3].map((i) => ({
    offset: start + i * share,
    size: Math.max(0, Math.min(end, start + (i + 1) * share) - (start + i * share)),
    decompress: false,
  }));
}

async function lanesFromMemory(start: number, end: number): Promise<number> {
  const lanes = await Sha256Lanes.create();
  if (!lanes) throw new Error("no WebAssembly SIMD");
  const buffer = new Uint8Array(LANE_WRITE_MAX).map((_, i) => i * 31);
  const ranges = quarters(start, end);
  const hashers = ranges.map(() => lanes.open());
  await Promise.all(
    ranges.map(async ({ size }, i) => {
      const hasher = hashers[i] as (typeof hashers)[number];
      for (let done = 0; done < size; done += LANE_WRITE_MAX) {
        await hasher.room();
        hasher.update(buffer.subarray(0, Math.min(LANE_WRITE_MAX, size - done)));
      }
      await hasher.finished();
    }),
  );
  return end - start;
}

async function lanesFromFile(file: Blob, start: number, end: number): Promise<number> {
  const lanes = await Sha256Lanes.create();
  if (!lanes) throw new Error("no WebAssembly SIMD");
  const source = new BlobSource(file);
  let bytes = 0;
  await digestLanes(
    quarters(start, end),
    lanes,
    (from, to) => source.stream(from, to),
    { createSha256: createWasmSha256Factory(), gunzip: portableGunzip },
    (n) => (bytes += n),
  );
  return bytes;
}

/** Inflates the whole (gzip) file; returns the decompressed size. */
async function gunzip(file: Blob, hasher: IHasher | null): Promise<number> {
  const reader = file.stream().pipeThrough(new DecompressionStream("gzip")).getReader();
  let bytes = 0;
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    hasher?.update(next.value);
    bytes += next.value.length;
  }
  return bytes;
}

const hasher = await createSHA256();
let received: { started: number; bytes: number } | null = null;

scope.addEventListener("message", async ({ data }) => {
  if ("chunk" in data) {
    // main-reads-*: hash what the page sends; an empty message ends the run.
    received ??= { started: performance.now(), bytes: 0 };
    if (data.chunk) {
      hasher.update(new Uint8Array(data.chunk));
      received.bytes += data.chunk.byteLength;
      return;
    }
    scope.postMessage({
      ms: performance.now() - received.started,
      bytes: received.bytes,
      digest: hasher.digest("hex"),
    });
    return;
  }
  const { mode, file, start, end } = data;
  hasher.init();
  const started = performance.now();
  let bytes = 0;
  if (mode === "hash-only") {
    const buffer = new Uint8Array(BUFFER).map((_, i) => i * 31);
    for (let offset = start; offset < end; offset += BUFFER) {
      const length = Math.min(BUFFER, end - offset);
      hasher.update(buffer.subarray(0, length));
      bytes += length;
    }
  } else if (mode === "read-slices") bytes = await slices(file, start, end, null, false);
  else if (mode === "read-stream") bytes = await stream(file, start, end, null, true);
  else if (mode === "slices-then-hash") bytes = await slices(file, start, end, hasher, false);
  else if (mode === "slices-read-ahead") bytes = await slices(file, start, end, hasher, true);
  else if (mode === "stream-fresh") bytes = await stream(file, start, end, hasher, false);
  else if (mode === "stream-byob") bytes = await stream(file, start, end, hasher, true);
  else if (mode === "gunzip-only") bytes = await gunzip(file, null);
  else if (mode === "gunzip-hash") bytes = await gunzip(file, hasher);
  else if (mode === "read-4-streams")
    bytes = (
      await Promise.all(quarters(start, end).map(({ offset, size }) => stream(file, offset, offset + size, null, true)))
    ).reduce((a, b) => a + b, 0);
  else if (mode === "lanes-hash-only") bytes = await lanesFromMemory(start, end);
  else if (mode === "lanes-stream") bytes = await lanesFromFile(file, start, end);
  else bytes = await smallJobs(mode === "init-per-job");
  scope.postMessage({ ms: performance.now() - started, bytes, digest: hasher.digest("hex") });
});
