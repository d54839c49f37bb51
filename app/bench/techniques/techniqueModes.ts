// The reading and hashing loops compared by browserTechniques.ts, each run in a Web
// Worker on a range of the chosen File. Shared by the page and its worker.

export const MODES = {
  "hash-only": "hash-wasm over an in-memory buffer (no reading): the hasher's own speed",
  "read-slices": "slice().arrayBuffer() per 2 MiB, nothing hashed: reading alone, the engine's old way",
  "read-stream": "blob.stream() BYOB, nothing hashed: reading alone, the engine's way now",
  "slices-then-hash": "await a 2 MiB slice, then hash it (the engine as handed over)",
  "slices-read-ahead": "the same, the next slice's read issued before hashing this one",
  "stream-fresh": "blob.stream() default reader: a fresh chunk per read",
  "stream-byob": "blob.stream() BYOB reader into one reused 1 MiB buffer (the engine now)",
  "read-4-streams": "4 ranges read by BYOB streams at once in one worker, nothing hashed: what 4 lanes cost in reading",
  "lanes-hash-only": "SIMD lanes (sha256Lanes.ts), 4 streams from memory in one worker: the kernel's own speed",
  "lanes-stream": "the engine's digestLanes: 4 ranges read by BYOB streams at once, hashed in 4 SIMD lanes, one worker",
  "gunzip-only": "a .gz File through blob.stream().pipeThrough(DecompressionStream), output discarded: inflating alone",
  "gunzip-hash": "the same, output hashed by hash-wasm: what one worker does for a .tar.gz at best",
  "main-reads-copy":
    "the page's main thread reads 1 MiB slices and posts them to the worker, copied (structured clone)",
  "main-reads-transfer": "the same, the ArrayBuffers transferred instead of copied",
  "new-hasher-per-job": "createSHA256() for each of 200 small jobs (1 KiB each)",
  "init-per-job": "one hasher, init() for each of 200 small jobs (1 KiB each)",
} as const;

export type Mode = keyof typeof MODES;

export interface TechniqueRequest {
  mode: Mode;
  file: Blob;
  start: number;
  end: number;
}

/** For the main-reads-* modes: chunks arrive as messages, then an empty one ends them. */
export interface ChunkMessage {
  chunk: ArrayBuffer | null;
}

export interface TechniqueResult {
  ms: number;
  bytes: number;
  digest: string;
}
