// The JavaScript DEFLATE decoder against zlib (the reference every platform's gzip path uses):
// same bytes out, same end of stream, same refusals with the same words, however the input
// is chunked. Node's zlib adapter is held to the same.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { constants, deflateRawSync, inflateRawSync } from "node:zlib";
import fc from "fast-check";
import { itemAt } from "../util/itemAt.ts";
import type { DeflateInflater, OutputSink } from "./deflateInflater.ts";
import { DeflateError, JsInflater } from "./inflateRaw.ts";
import { NodeInflater } from "./nodeInflateRaw.ts";

type Outcome = { ok: true; output: Buffer; after: Buffer } | { ok: false; message: string };

async function run(
  create: (sink: OutputSink) => DeflateInflater,
  input: Uint8Array,
  chunkSizes: readonly number[],
): Promise<Outcome> {
  const output: Uint8Array[] = [];
  const inflater = create((bytes) => void output.push(bytes));
  const after: Uint8Array[] = [];
  try {
    let at = 0;
    for (let i = 0; at < input.length; i++) {
      const size = itemAt(chunkSizes, i % chunkSizes.length);
      // A fresh copy per call, overwritten afterwards: the inflater may only borrow it.
      const chunk = new Uint8Array(input.subarray(at, at + size));
      const rest = await inflater.write(chunk);
      if (rest !== null) after.push(rest.slice());
      chunk.fill(0xee);
      at += size;
    }
    after.push((await inflater.finish()).slice());
    return { ok: true, output: Buffer.concat(output), after: Buffer.concat(after) };
  } catch (error) {
    assert.ok(error instanceof DeflateError, `a DeflateError, not ${String(error)}`);
    return { ok: false, message: error.message };
  }
}

/** zlib's answer: output, and the bytes after the stream's end (from bytesWritten). */
function reference(input: Uint8Array): Outcome {
  try {
    const { buffer, engine } = inflateRawSync(input, { info: true }) as unknown as {
      buffer: Buffer;
      engine: { bytesWritten: number };
    };
    return { ok: true, output: buffer, after: Buffer.from(input.subarray(engine.bytesWritten)) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

const js = (sink: OutputSink) => new JsInflater(sink);
const node = (sink: OutputSink) => new NodeInflater(sink);

function payload(seed: Uint8Array, repeats: number): Buffer {
  // Random bytes and long repeats: literals, matches at every distance, stored-worthy noise.
  const parts: Buffer[] = [];
  for (let i = 0; i < repeats; i++)
    parts.push(Buffer.from(seed), Buffer.alloc(seed.length % 300, i), Buffer.from(seed.subarray(0, i * 7)));
  return Buffer.concat(parts);
}

describe("JsInflater", () => {
  test("known streams: an empty fixed block, a stored block, fixed and dynamic Huffman blocks", async () => {
    const text = Buffer.from("hello hello hello hello, world ".repeat(40));
    const cases: [string, Uint8Array, Buffer][] = [
      ["empty fixed block", new Uint8Array([0x03, 0x00]), Buffer.alloc(0)],
      ["stored", new Uint8Array([0x01, 0x05, 0x00, 0xfa, 0xff, 0x68, 0x65, 0x6c, 0x6c, 0x6f]), Buffer.from("hello")],
      ["fixed", deflateRawSync(Buffer.from("a"), { strategy: constants.Z_FIXED }), Buffer.from("a")],
      ["dynamic", deflateRawSync(text), text],
    ];
    for (const [name, stream, expected] of cases) {
      const trailer = Buffer.from([1, 2, 3]);
      const outcome = await run(js, Buffer.concat([stream, trailer]), [1 << 20]);
      assert.deepEqual(outcome, { ok: true, output: expected, after: trailer }, name);
    }
  });

  test("refuses what zlib refuses, with zlib's words", async () => {
    const cases: [Uint8Array, string][] = [
      [new Uint8Array([0x07]), "invalid block type"],
      [new Uint8Array([0x01, 0x05, 0x00, 0xfb, 0xff]), "invalid stored block lengths"],
      // A fixed block whose first code is a distance copy with nothing output yet.
      [new Uint8Array([0x03, 0x02, 0x00]), "invalid distance too far back"],
      // Truncated inside a fixed block.
      [
        deflateRawSync(Buffer.from("abcabcabc"), { strategy: constants.Z_FIXED }).subarray(0, 3),
        "unexpected end of file",
      ],
    ];
    for (const [stream, message] of cases) {
      assert.deepEqual(reference(stream), { ok: false, message }, `zlib says ${message}`);
      assert.deepEqual(await run(js, stream, [1 << 20]), { ok: false, message });
      assert.deepEqual(await run(js, stream, [1]), { ok: false, message });
    }
  });

  test("a stream that ends inside a write hands its trailing bytes back once, not again at finish", async () => {
    // Found by the property below: a stored block ending 3 bytes into the last 4-byte chunk.
    const data = payload(new Uint8Array(9), 39);
    const input = Buffer.concat([deflateRawSync(data, { level: 0 }), Buffer.from([0])]);
    const expected = reference(input);
    assert.deepEqual(expected, { ok: true, output: data, after: Buffer.from([0]) });
    assert.deepEqual(await run(js, input, [4]), expected);
    assert.deepEqual(await run(node, input, [4]), expected);
  });

  test("matches zlib on zlib's own streams, any level and strategy, however chunked, and stops at the stream's end", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 0, maxLength: 3000 }),
        fc.integer({ min: 1, max: 40 }),
        fc.constantFrom(0, 1, 6, 9),
        fc.constantFrom(
          constants.Z_DEFAULT_STRATEGY,
          constants.Z_FILTERED,
          constants.Z_HUFFMAN_ONLY,
          constants.Z_RLE,
          constants.Z_FIXED,
        ),
        fc.uint8Array({ maxLength: 20 }),
        fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 4 }),
        async (seed, repeats, level, strategy, trailer, chunks) => {
          const data = payload(seed, repeats);
          const input = Buffer.concat([deflateRawSync(data, { level, strategy }), trailer]);
          const expected = reference(input);
          assert.deepEqual(expected, { ok: true, output: data, after: Buffer.from(trailer) });
          assert.deepEqual(await run(js, input, chunks), expected);
          assert.deepEqual(await run(node, input, chunks), expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  test("agrees with zlib on damaged streams: the same bytes out, or the same refusal", async () => {
    const base = deflateRawSync(payload(randomBytes(700), 12), { level: 6 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ at: fc.nat(base.length - 1), value: fc.integer({ min: 0, max: 255 }) }), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.nat(base.length),
        fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 3 }),
        async (flips, cut, chunks) => {
          const damaged = Buffer.from(base.subarray(0, Math.max(1, cut)));
          for (const { at, value } of flips) if (at < damaged.length) damaged[at] = value;
          const expected = reference(damaged);
          assert.deepEqual(await run(js, damaged, chunks), expected);
          assert.deepEqual(await run(node, damaged, chunks), expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("a sink that fails stops either decoder with the sink's own error", async () => {
    const stream = deflateRawSync(payload(randomBytes(5000), 40));
    for (const create of [js, node]) {
      const failure = new Error("the reader downstream has stopped");
      let calls = 0;
      const inflater = create(() => {
        calls++;
        throw failure;
      });
      await assert.rejects(
        (async () => {
          for (let at = 0; at < stream.length; at += 4096) await inflater.write(stream.subarray(at, at + 4096));
          await inflater.finish();
        })(),
        (error) => error === failure,
      );
      assert.equal(calls, 1, "nothing more is handed to a sink that failed");
    }
  });

  test("a megabyte that expands a thousandfold comes out whole, in bounded pieces", async () => {
    const zeros = Buffer.alloc(64 * 1024 * 1024);
    const stream = deflateRawSync(zeros, { level: 9 });
    let total = 0;
    let largest = 0;
    const inflater = new JsInflater((bytes) => {
      total += bytes.length;
      largest = Math.max(largest, bytes.length);
      assert.ok(bytes.every((byte) => byte === 0));
    });
    assert.equal(await inflater.write(stream), null);
    assert.deepEqual(await inflater.finish(), new Uint8Array(0));
    assert.equal(total, zeros.length);
    assert.ok(largest <= 512 * 1024, `pieces of at most 512 KiB (largest ${largest})`);
  });
});
