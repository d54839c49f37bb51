// A WebAssembly module, emitted here byte by byte (no toolchain, nothing fetched), whose
// one function runs SHA-256's compression on four independent messages at once, one per
// 32-bit lane of a SIMD vector (i32x4):
//
//   compress4(state, input, stride, blocks)
//     state  8 × v128 at `state`: word i of lane l is the i32 at state + 16 i + 4 l
//     input  lane l's next 64-byte blocks at input + l × stride (big-endian words, as hashed)
//     blocks how many blocks to take from every lane
//
// Why: a scalar SHA-256 in wasm (hash-wasm) runs ~220 MB/s per core here; four lanes of
// i32x4 do ~2.3 times that per core, so a worker hashing several layers at once gets
// that much more from its core (sha256Lanes.ts). Tested against node:crypto.

// biome-ignore-all lint/complexity/noCommaOperator: the emitter reads as assembly, one instruction sequence per line

import { itemAt, present } from "../util/itemAt.ts";

const K = [
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98,
  0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
  0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8,
  0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819,
  0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
  0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
  0xc67178f2,
];

/** SHA-256's initial state (FIPS 180-4, 5.3.3). */
export const SHA256_H0 = [
  0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
] as const;

// Binary encoding helpers (WebAssembly core spec, 5.x).
const uleb = (value: number): number[] => {
  const out: number[] = [];
  do {
    const byte = value & 0x7f;
    value >>>= 7;
    out.push(value === 0 ? byte : byte | 0x80);
  } while (value !== 0);
  return out;
};
const sleb = (value: number): number[] => {
  const out: number[] = [];
  for (;;) {
    const byte = value & 0x7f;
    value >>= 7;
    if ((value === 0 && (byte & 0x40) === 0) || (value === -1 && (byte & 0x40) !== 0)) return [...out, byte];
    out.push(byte | 0x80);
  }
};
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vector = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const name = (text: string) => [...uleb(text.length), ...new TextEncoder().encode(text)];

// Opcodes used (SIMD ones follow the 0xfd prefix).
const OP = {
  get: 0x20,
  set: 0x21,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  block: 0x02,
  loop: 0x03,
  br: 0x0c,
  brIf: 0x0d,
  end: 0x0b,
};
const SIMD = {
  load: 0,
  store: 11,
  const: 12,
  shuffle: 13,
  or: 80,
  xor: 81,
  bitselect: 82,
  shl: 171,
  shrU: 173,
  add: 174,
};

/** First byte callers may use: the state comes before it. */
export const FREE_MEMORY = 1024;

function compressBody(): number[] {
  const code: number[] = [];
  const [STATE, INPUT, STRIDE, BLOCKS] = [0, 1, 2, 3];
  const pointers = [4, 5, 6, 7]; // i32 locals: lane l's next block
  const v = (i: number) => 8 + i; // v128 locals
  const work = Array.from({ length: 8 }, (_, i) => v(i)); // a..h
  const saved = Array.from({ length: 8 }, (_, i) => v(8 + i)); // the state at the block's start
  const w = Array.from({ length: 16 }, (_, i) => v(16 + i)); // the message schedule, a ring of 16
  const [T1, T2] = [v(32), v(33)];
  const rows = [v(34), v(35), v(36), v(37)];
  const pairs = [v(38), v(39), v(40), v(41)];
  const V128_LOCALS = 42;

  const get = (local: number) => code.push(OP.get, ...uleb(local));
  const set = (local: number) => code.push(OP.set, ...uleb(local));
  const i32 = (value: number) => code.push(OP.i32Const, ...sleb(value | 0));
  const simd = (op: number, ...immediates: number[]) => code.push(0xfd, ...uleb(op), ...immediates);
  const add = () => simd(SIMD.add);
  const xor = () => simd(SIMD.xor);
  const shl = (n: number) => (i32(n), simd(SIMD.shl));
  const shr = (n: number) => (i32(n), simd(SIMD.shrU));
  const shuffle = (lanes: number[]) => simd(SIMD.shuffle, ...lanes);
  const splat = (word: number) =>
    simd(
      SIMD.const,
      ...[0, 1, 2, 3].flatMap(() => [word & 0xff, (word >>> 8) & 0xff, (word >>> 16) & 0xff, word >>> 24]),
    );
  // No SIMD rotate in wasm: rotr(x, n) = (x >>> n) | (x << 32 - n).
  const rotr = (x: number, n: number) => (get(x), shr(n), get(x), shl(32 - n), simd(SIMD.or));
  const Sigma = (x: number, [a, b, c]: readonly number[]) => (
    rotr(x, a as number), rotr(x, b as number), xor(), rotr(x, c as number), xor()
  );
  const sigma = (x: number, [a, b, c]: readonly number[]) => (
    rotr(x, a as number), rotr(x, b as number), xor(), get(x), shr(c as number), xor()
  );
  const at = itemAt<number>;

  for (let lane = 0; lane < 4; lane++)
    get(INPUT), get(STRIDE), i32(lane), code.push(OP.i32Mul, OP.i32Add), set(at(pointers, lane));
  for (let i = 0; i < 8; i++) get(STATE), simd(SIMD.load, 4, ...uleb(16 * i)), set(at(work, i));
  code.push(OP.block, 0x40, OP.loop, 0x40); // per block
  get(BLOCKS), code.push(OP.i32Eqz, OP.brIf, 1);
  for (let i = 0; i < 8; i++) get(at(work, i)), set(at(saved, i));
  // Words 4q..4q+3 of the four lanes: load 16 bytes per lane, transpose 4 × 4, byte-swap.
  const pairLow = [0, 1, 2, 3, 16, 17, 18, 19, 4, 5, 6, 7, 20, 21, 22, 23];
  const pairHigh = pairLow.map((b) => b + 8);
  const evenSwapped = [3, 2, 1, 0, 7, 6, 5, 4, 19, 18, 17, 16, 23, 22, 21, 20];
  const oddSwapped = evenSwapped.map((b) => b + 8);
  for (let q = 0; q < 4; q++) {
    for (let lane = 0; lane < 4; lane++)
      get(at(pointers, lane)), simd(SIMD.load, 4, ...uleb(16 * q)), set(at(rows, lane));
    get(at(rows, 0)), get(at(rows, 1)), shuffle(pairLow), set(at(pairs, 0));
    get(at(rows, 0)), get(at(rows, 1)), shuffle(pairHigh), set(at(pairs, 1));
    get(at(rows, 2)), get(at(rows, 3)), shuffle(pairLow), set(at(pairs, 2));
    get(at(rows, 2)), get(at(rows, 3)), shuffle(pairHigh), set(at(pairs, 3));
    get(at(pairs, 0)), get(at(pairs, 2)), shuffle(evenSwapped), set(at(w, 4 * q));
    get(at(pairs, 0)), get(at(pairs, 2)), shuffle(oddSwapped), set(at(w, 4 * q + 1));
    get(at(pairs, 1)), get(at(pairs, 3)), shuffle(evenSwapped), set(at(w, 4 * q + 2));
    get(at(pairs, 1)), get(at(pairs, 3)), shuffle(oddSwapped), set(at(w, 4 * q + 3));
  }
  // 64 rounds, unrolled; the roles of a..h rotate over the locals instead of moving values.
  // (A loop of four 16-round passes ran faster in Node but crashed Chromium 156's renderer.)
  const roles = [...work];
  for (let t = 0; t < 64; t++) {
    const wt = at(w, t % 16);
    if (t >= 16) {
      // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16], in place in the ring
      sigma(at(w, (t - 2) % 16), [17, 19, 10]), get(at(w, (t - 7) % 16)), add();
      sigma(at(w, (t - 15) % 16), [7, 18, 3]), add(), get(wt), add(), set(wt);
    }
    const [a, b, c, d, e, f, g, h] = roles as [number, number, number, number, number, number, number, number];
    // T1 = h + Σ1(e) + Ch(e, f, g) + K[t] + W[t], with Ch = bitselect(f, g, e)
    get(h),
      Sigma(e, [6, 11, 25]),
      add(),
      get(f),
      get(g),
      get(e),
      simd(SIMD.bitselect),
      add(),
      splat(itemAt(K, t)),
      add(),
      get(wt),
      add(),
      set(T1);
    // T2 = Σ0(a) + Maj(a, b, c), with Maj = bitselect(b, a, a ^ c)
    Sigma(a, [2, 13, 22]), get(b), get(a), get(a), get(c), xor(), simd(SIMD.bitselect), add(), set(T2);
    get(d), get(T1), add(), set(d);
    get(T1), get(T2), add(), set(h);
    roles.unshift(present(roles.pop(), "the last role"));
  }
  for (let i = 0; i < 8; i++) get(at(roles, i)), get(at(saved, i)), add(), set(at(work, i));
  for (let lane = 0; lane < 4; lane++) get(at(pointers, lane)), i32(64), code.push(OP.i32Add), set(at(pointers, lane));
  get(BLOCKS), i32(1), code.push(OP.i32Sub), set(BLOCKS);
  code.push(OP.br, 0, OP.end, OP.end);
  for (let i = 0; i < 8; i++) get(STATE), get(at(work, i)), simd(SIMD.store, 4, ...uleb(16 * i));
  code.push(OP.end);
  const body = [
    ...vector([
      [...uleb(4), 0x7f],
      [...uleb(V128_LOCALS), 0x7b],
    ]),
    ...code,
  ];
  return [...uleb(body.length), ...body];
}

/** The module's bytes; `pages` of 64 KiB linear memory, exported as "memory". */
export function sha256x4Module(pages: number): Uint8Array<ArrayBuffer> {
  const i32 = 0x7f;
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector([[0x60, ...vector([[i32], [i32], [i32], [i32]]), 0]])),
    ...section(3, vector([[0]])),
    ...section(5, vector([[0, ...uleb(pages)]])),
    ...section(
      7,
      vector([
        [...name("compress4"), 0, 0],
        [...name("memory"), 2, 0],
      ]),
    ),
    ...section(10, vector([compressBody()])),
  ]);
}
