// Up to four SHA-256 streams hashed in lockstep by one compress4 call (sha256x4Module.ts).
// Each stream is a LaneHasher (the engine's Sha256Hasher): update() copies bytes into its
// lane's region of the wasm memory; compress4 runs once every busy lane holds FILL bytes
// or has ended, on as many blocks as all of them have. So a lane that reads slowly holds
// the others back: the pool only puts layers of similar sizes together (laneGroups.ts).
import type { Digest } from "../digest.ts";
import { itemAt } from "../util/itemAt.ts";
import type { Sha256Hasher } from "./sha256.ts";
import { FREE_MEMORY, SHA256_H0, sha256x4Module } from "./sha256x4Module.ts";

export const LANES = 4;
/** A lane is compressed once it holds this many bytes (or its stream ended). */
const FILL = 512 * 1024;
/** Most bytes one update() may bring: a lane holds FILL + this + padding at most. */
export const LANE_WRITE_MAX = 512 * 1024;
const STATE = 0;
const INPUT = FREE_MEMORY;
const STRIDE = FILL + LANE_WRITE_MAX + 128;
const PAGES = Math.ceil((INPUT + LANES * STRIDE) / 65536);

interface Compress4 {
  memory: WebAssembly.Memory;
  compress4(state: number, input: number, stride: number, blocks: number): void;
}

let compiled: Promise<WebAssembly.Module | null> | undefined;
let supported: boolean | undefined;

/** Whether this platform's WebAssembly has SIMD (all current browsers; Safari from 16.4). */
export function lanesSupported(): boolean {
  supported ??= typeof WebAssembly !== "undefined" && WebAssembly.validate(sha256x4Module(PAGES));
  return supported;
}

/** The compiled kernel, or null where WebAssembly SIMD is missing (then the engine hashes one stream at a time). */
function kernel(): Promise<WebAssembly.Module | null> {
  compiled ??= (async () => {
    if (!lanesSupported()) return null;
    return WebAssembly.compile(sha256x4Module(PAGES));
  })();
  return compiled;
}

interface Lane {
  buffered: number;
  total: number;
  ended: boolean;
  padded: boolean;
  digest: Digest | null;
  /** Feeders waiting for room (buffered < FILL), and for the digest. */
  roomWaiters: (() => void)[];
  doneWaiters: (() => void)[];
}

export class Sha256Lanes {
  readonly #wasm: Compress4;
  readonly #lanes: (Lane | null)[] = new Array(LANES).fill(null);

  private constructor(wasm: Compress4) {
    this.#wasm = wasm;
  }

  static async create(): Promise<Sha256Lanes | null> {
    const module = await kernel();
    if (!module) return null;
    const instance = await WebAssembly.instantiate(module);
    return new Sha256Lanes(instance.exports as unknown as Compress4);
  }

  get free(): number {
    return this.#lanes.filter((lane) => lane === null).length;
  }

  /** Takes a free lane for one stream. */
  open(): LaneHasher {
    const index = this.#lanes.indexOf(null);
    if (index === -1) throw new Error("no free SHA-256 lane");
    const words = new Uint32Array(this.#wasm.memory.buffer, STATE, 8 * LANES);
    SHA256_H0.forEach((word, i) => {
      words[i * LANES + index] = word;
    });
    const lane: Lane = {
      buffered: 0,
      total: 0,
      ended: false,
      padded: false,
      digest: null,
      roomWaiters: [],
      doneWaiters: [],
    };
    this.#lanes[index] = lane;
    return new LaneHasher(this, index, lane);
  }

  /** Internal to LaneHasher: copies bytes into the lane's region. */
  write(index: number, lane: Lane, bytes: Uint8Array): void {
    if (lane.ended) throw new Error("update() after end()");
    if (lane.buffered + bytes.length > FILL + LANE_WRITE_MAX)
      throw new Error(`a lane write of ${bytes.length} bytes overflows its region`);
    new Uint8Array(this.#wasm.memory.buffer, INPUT + index * STRIDE + lane.buffered, bytes.length).set(bytes);
    lane.buffered += bytes.length;
    lane.total += bytes.length;
    this.#pump();
  }

  /** Internal to LaneHasher: the stream ended; its digest follows once its last blocks ran. */
  end(lane: Lane): void {
    lane.ended = true;
    this.#pump();
  }

  /** Runs compress4 while every busy lane is full or ended, then wakes the feeders. */
  #pump(): void {
    for (;;) {
      const busy = this.#lanes.flatMap((lane, index) => (lane && lane.digest === null ? [{ lane, index }] : []));
      if (busy.length === 0 || !busy.every(({ lane }) => lane.ended || lane.buffered >= FILL)) break;
      for (const { lane, index } of busy) if (lane.ended && !lane.padded) this.#pad(lane, index);
      const blocks = Math.min(...busy.map(({ lane }) => Math.floor(lane.buffered / 64)));
      this.#wasm.compress4(STATE, INPUT, STRIDE, blocks);
      const memory = new Uint8Array(this.#wasm.memory.buffer);
      for (const { lane, index } of busy) {
        const start = INPUT + index * STRIDE;
        // What the others were not ready for moves to the front of the region.
        memory.copyWithin(start, start + blocks * 64, start + lane.buffered);
        lane.buffered -= blocks * 64;
        if (lane.padded && lane.buffered === 0) lane.digest = this.#laneDigest(index);
      }
    }
    for (let index = 0; index < LANES; index++) {
      const lane = this.#lanes[index];
      if (!lane) continue;
      if (lane.buffered < FILL) for (const wake of lane.roomWaiters.splice(0)) wake();
      if (lane.digest === null) continue;
      for (const wake of lane.doneWaiters.splice(0)) wake();
      this.#lanes[index] = null;
    }
  }

  /** SHA-256 padding: 0x80, zeros, the length in bits as a big-endian 64-bit number. */
  #pad(lane: Lane, index: number): void {
    const start = INPUT + index * STRIDE;
    const padded = Math.ceil((lane.buffered + 9) / 64) * 64;
    const region = new Uint8Array(this.#wasm.memory.buffer, start, padded);
    region.fill(0, lane.buffered);
    region[lane.buffered] = 0x80;
    new DataView(this.#wasm.memory.buffer).setBigUint64(start + padded - 8, BigInt(lane.total) * 8n);
    lane.buffered = padded;
    lane.padded = true;
  }

  #laneDigest(index: number): Digest {
    const words = new Uint32Array(this.#wasm.memory.buffer, STATE, 8 * LANES);
    let hex = "";
    for (let i = 0; i < 8; i++)
      hex += itemAt(words, i * LANES + index)
        .toString(16)
        .padStart(8, "0");
    return `sha256:${hex}`;
  }
}

/** One stream in a lane. Between two update()s, await room(); after the last, await finished(). */
export class LaneHasher implements Sha256Hasher {
  readonly #lanes: Sha256Lanes;
  readonly #index: number;
  readonly #lane: Lane;

  constructor(lanes: Sha256Lanes, index: number, lane: Lane) {
    this.#lanes = lanes;
    this.#index = index;
    this.#lane = lane;
  }

  update(bytes: Uint8Array): void {
    this.#lanes.write(this.#index, this.#lane, bytes);
  }

  /** Resolves when the lane can take LANE_WRITE_MAX more bytes (the others caught up). */
  room(): Promise<void> {
    if (this.#lane.buffered < FILL) return Promise.resolve();
    return new Promise((resolve) => this.#lane.roomWaiters.push(resolve));
  }

  /** Ends the stream; resolves when its digest is computed (when the other lanes let it). */
  finished(): Promise<void> {
    if (!this.#lane.ended) this.#lanes.end(this.#lane);
    if (this.#lane.digest !== null) return Promise.resolve();
    return new Promise((resolve) => this.#lane.doneWaiters.push(resolve));
  }

  digest(): Digest {
    if (this.#lane.digest === null) throw new Error("digest() before finished() resolved");
    return this.#lane.digest;
  }
}
