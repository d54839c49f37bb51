// Measures, in Node, what each technique the engine's CLI path uses is worth: the raw
// hashers, reading ahead while hashing, read sizes, indexing by headers only, reusing
// hashers, and what a worker thread costs to start. Figures for the notes; not a test.
//
//   node app/bench/techniques/nodeTechniques.ts
import { createHash } from "node:crypto";
import { open } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import { createSHA256 } from "hash-wasm";
import type { HashRequest, HashResponse } from "../../image/pool/messages.ts";
import type { ByteSource } from "../../image/source/byteSource.ts";
import { NodeFileSource } from "../../image/source/nodeFileSource.ts";
import { indexTar } from "../../image/tar/indexTar.ts";
import { ensureArchive } from "../archives/archiveCache.ts";
import { median } from "../results/summarize.ts";

const MiB = 1024 * 1024;
const ROUNDS = 3;
const layer = await ensureArchive({ name: "docker-save-1x1024MiB", layers: 1, layerBytes: 1024 * MiB }, console.log);
const big = await ensureArchive({ name: "docker-save-4x1024MiB", layers: 4, layerBytes: 1024 * MiB }, console.log);

async function timed(run: () => Promise<number>): Promise<{ ms: number; bytes: number }> {
  const started = performance.now();
  const bytes = await run();
  return { ms: performance.now() - started, bytes };
}

async function report(label: string, run: () => Promise<number>): Promise<void> {
  const rounds: { ms: number; bytes: number }[] = [];
  for (let i = 0; i < ROUNDS; i++) rounds.push(await timed(run));
  const ms = median(rounds.map((r) => r.ms));
  console.log(
    `${label.padEnd(58)} ${((rounds[0]?.bytes ?? 0) / 1e3 / ms).toFixed(0).padStart(5)} MB/s  (${ms.toFixed(0)} ms)`,
  );
}

/** Hashes the first `limit` bytes of the file: read, then hash, then read the next chunk. */
async function readThenHash(path: string, chunk: number, limit: number): Promise<number> {
  const file = await open(path, "r");
  const buffer = new Uint8Array(chunk);
  const hash = createHash("sha256");
  try {
    for (let offset = 0; offset < limit; offset += chunk) {
      const { bytesRead } = await file.read(buffer, 0, Math.min(chunk, limit - offset), offset);
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
  hash.digest();
  return limit;
}

/** The same through NodeFileSource.stream, which reads the next chunk while this one is hashed. */
async function readAhead(path: string, limit: number): Promise<number> {
  const source = await NodeFileSource.open(path);
  const hash = createHash("sha256");
  try {
    for await (const chunk of source.stream(0, limit)) hash.update(chunk);
  } finally {
    await source.close();
  }
  hash.digest();
  return limit;
}

function counting(source: ByteSource): { source: ByteSource; reads: () => number; bytes: () => number } {
  let reads = 0;
  let bytes = 0;
  const counted: ByteSource = {
    size: source.size,
    handle: source.handle,
    read: async (offset, length) => {
      const result = await source.read(offset, length);
      reads++;
      bytes += result.length;
      return result;
    },
    stream: (start, end) => source.stream(start, end),
    close: () => source.close(),
  };
  return { source: counted, reads: () => reads, bytes: () => bytes };
}

async function workerFirstAnswer(): Promise<number> {
  const started = performance.now();
  const worker = new Worker(new URL("../../image/pool/nodeHash.worker.ts", import.meta.url));
  const request: HashRequest = {
    type: "digest-range",
    id: 1,
    source: { kind: "blob", blob: new Blob(["abc"]) },
    job: { offset: 0, size: 3, decompress: false },
  };
  await new Promise<void>((resolve) => {
    worker.on("message", (response: HashResponse) => response.type === "digests" && resolve());
    worker.postMessage(request);
  });
  const ms = performance.now() - started;
  await worker.terminate();
  return ms;
}

console.log(`Node ${process.version}; page cache warmed by a first pass; median of ${ROUNDS}\n`);
const memory = new Uint8Array(64 * MiB).map((_, i) => i * 31);
await report("node:crypto SHA-256, in memory (1 MiB updates)", async () => {
  const hash = createHash("sha256");
  for (let i = 0; i < 8; i++) for (let o = 0; o < memory.length; o += MiB) hash.update(memory.subarray(o, o + MiB));
  hash.digest();
  return 8 * memory.length;
});
const wasm = await createSHA256();
await report("hash-wasm SHA-256, in memory (1 MiB updates)", async () => {
  wasm.init();
  for (let i = 0; i < 2; i++) for (let o = 0; o < memory.length; o += MiB) wasm.update(memory.subarray(o, o + MiB));
  wasm.digest();
  return 2 * memory.length;
});

await readThenHash(layer.path, 8 * MiB, layer.size); // warm the page cache
for (const chunk of [1, 2, 4, 8])
  await report(`1 GiB file, read then hash, ${chunk} MiB reads`, () =>
    readThenHash(layer.path, chunk * MiB, layer.size),
  );
await report("1 GiB file, NodeFileSource.stream (reads ahead, 1 MiB)", () => readAhead(layer.path, layer.size));

const index = counting(await NodeFileSource.open(big.path));
const indexMs = await timed(async () => (await indexTar(index.source)).entries.length);
await index.source.close();
console.log(
  `\nindexTar on the 4 GiB archive: ${indexMs.bytes} entries in ${indexMs.ms.toFixed(1)} ms, ${index.reads()} reads, ${(index.bytes() / 1024).toFixed(0)} KiB read of ${(big.size / 2 ** 30).toFixed(2)} GiB`,
);

const small = new Uint8Array(1024).fill(7);
const jobs = async (reuse: boolean) => {
  const shared = await createSHA256();
  const started = performance.now();
  for (let i = 0; i < 200; i++) {
    const hasher = reuse ? shared : await createSHA256();
    hasher.init();
    hasher.update(small);
    hasher.digest("hex");
  }
  return performance.now() - started;
};
console.log(
  `hash-wasm, 200 jobs of 1 KiB: createSHA256() each ${(await jobs(false)).toFixed(1)} ms, init() on one ${(await jobs(true)).toFixed(1)} ms`,
);

const boots: number[] = [];
for (let i = 0; i < ROUNDS; i++) boots.push(await workerFirstAnswer());
console.log(
  `a hashing worker thread, from new Worker() to its first digest: ${median(boots).toFixed(0)} ms (median of ${ROUNDS})`,
);
