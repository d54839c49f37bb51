import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, test } from "node:test";
import { itemAt } from "../util/itemAt.ts";
import { LANE_WRITE_MAX, LANES, type LaneHasher, lanesSupported, Sha256Lanes } from "./sha256Lanes.ts";

const sha256 = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
const message = (length: number, seed: number) =>
  new Uint8Array(length).map((_, i) => (i * 131 + seed * 17 + (i >> 9)) & 0xff);

/** Feeds each message to its lane in chunks of the given sizes, all lanes at once, as a worker does. */
async function hashTogether(
  messages: readonly Uint8Array[],
  chunkSize: (lane: number, at: number) => number,
): Promise<string[]> {
  const lanes = await Sha256Lanes.create();
  assert.ok(lanes, "this Node has WebAssembly SIMD");
  const hashers: LaneHasher[] = messages.map(() => lanes.open());
  await Promise.all(
    messages.map(async (bytes, lane) => {
      const hasher = itemAt(hashers, lane);
      for (let at = 0; at < bytes.length; ) {
        const size = Math.min(chunkSize(lane, at), LANE_WRITE_MAX, bytes.length - at);
        await hasher.room();
        hasher.update(bytes.subarray(at, at + size));
        at += size;
        // Let the other lanes' feeders run, as reads would.
        await new Promise((resolve) => setImmediate(resolve));
      }
      await hasher.finished();
    }),
  );
  return hashers.map((hasher) => hasher.digest());
}

describe("SHA-256 in four SIMD lanes", () => {
  test("is available here (WebAssembly SIMD)", () => {
    assert.equal(lanesSupported(), true);
  });

  test("known vectors: empty, 'abc', and the 448-bit message of FIPS 180-2", async () => {
    const texts = ["", "abc", "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"];
    const digests = await hashTogether(
      texts.map((text) => new TextEncoder().encode(text)),
      () => 64,
    );
    assert.deepEqual(digests, [
      "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
      "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
      "sha256:248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    ]);
  });

  test("every padding boundary, four lanes at once", async () => {
    for (const length of [55, 56, 63, 64, 65, 119, 120, 128]) {
      const messages = Array.from({ length: LANES }, (_, lane) => message(length + lane, lane));
      assert.deepEqual(await hashTogether(messages, () => 64), messages.map(sha256), `length ${length}`);
    }
  });

  test("lanes of very different lengths and chunkings == node:crypto one-shot", async () => {
    const messages = [message(3_500_000, 1), message(0, 2), message(2_100_001, 3), message(777, 4)];
    const ragged = (lane: number, at: number) => itemAt([1, 4096, 65_537, 1 << 20], (lane + at) % 4);
    assert.deepEqual(await hashTogether(messages, ragged), messages.map(sha256));
  });

  test("a freed lane is reused for the next stream", async () => {
    const lanes = await Sha256Lanes.create();
    assert.ok(lanes);
    for (const bytes of [message(100_000, 5), message(10, 6)]) {
      const hasher = lanes.open();
      hasher.update(bytes);
      await hasher.finished();
      assert.equal(hasher.digest(), sha256(bytes));
    }
    assert.equal(lanes.free, LANES);
  });

  test("a full lane waits for the others: room() stays pending, and overfilling it throws", async () => {
    const lanes = await Sha256Lanes.create();
    assert.ok(lanes);
    const ahead = lanes.open();
    const behind = lanes.open();
    ahead.update(new Uint8Array(LANE_WRITE_MAX));
    let roomy = false;
    const room = ahead.room().then(() => (roomy = true));
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(roomy, false, "no compress4 while the other lane is empty");
    assert.throws(() => ahead.update(new Uint8Array(LANE_WRITE_MAX + 1)), /overflows/);
    behind.update(new Uint8Array(LANE_WRITE_MAX));
    await room;
    assert.equal(roomy, true);
  });
});
