import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { nodeSha256 } from "./nodeSha256.ts";
import type { Sha256Factory } from "./sha256.ts";
import { createWasmSha256Factory } from "./wasmSha256.ts";

// FIPS 180-2 vectors.
const VECTORS: [string, Uint8Array, string][] = [
  ["empty", new Uint8Array(0), "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"],
  ['"abc"', new TextEncoder().encode("abc"), "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"],
  [
    "448 bits",
    new TextEncoder().encode("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
    "sha256:248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  ],
  [
    "a million a",
    new Uint8Array(1_000_000).fill(0x61),
    "sha256:cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0",
  ],
];

async function digestInChunks(factory: Sha256Factory, bytes: Uint8Array, cuts: number[]): Promise<string> {
  const hasher = await factory();
  let start = 0;
  for (const cut of [...cuts, bytes.length]) {
    hasher.update(bytes.subarray(start, cut));
    start = cut;
  }
  return hasher.digest();
}

for (const [name, factory] of [
  ["node:crypto", nodeSha256],
  ["hash-wasm", createWasmSha256Factory()],
] as const) {
  describe(`sha256 (${name})`, () => {
    for (const [label, input, digest] of VECTORS) {
      test(`known vector: ${label}`, async () => {
        assert.equal(await digestInChunks(factory, input, []), digest);
      });
    }

    test("chunked == one-shot, whatever the cuts", async () => {
      const bytes = randomBytes(300_000);
      const oneShot = await digestInChunks(factory, bytes, []);
      for (const cuts of [[1], [63, 64, 65], [100, 100, 100_000], Array.from({ length: 50 }, (_, i) => i * 5000 + 7)]) {
        assert.equal(await digestInChunks(factory, bytes, cuts), oneShot);
      }
    });

    test("a recycled hasher starts from scratch", async () => {
      const first = await factory();
      first.update(new TextEncoder().encode("something else"));
      first.digest();
      assert.equal(await digestInChunks(factory, new TextEncoder().encode("abc"), []), VECTORS[1]?.[2]);
    });
  });
}
