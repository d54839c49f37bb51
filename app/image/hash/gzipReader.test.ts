// The multi-member gzip reader answers as Go's gzip.Reader does. The vectors' expected
// answers were measured with Go 1.19's compress/gzip (io.Copy of gzip.NewReader): what it
// read, and the error it stopped with. Both platforms' decoders (Node's zlib, the JavaScript
// one browsers fall back to) are held to them, however the input is chunked.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { deflateRawSync, gzipSync, crc32 as zlibCrc32 } from "node:zlib";
import fc from "fast-check";
import { crc32 } from "./crc32.ts";
import type { DeflateInflaterFactory } from "./deflateInflater.ts";
import { GzipReader } from "./gzipReader.ts";
import { JsInflater } from "./inflateRaw.ts";
import { NodeInflater } from "./nodeInflateRaw.ts";

const DECODERS: [string, DeflateInflaterFactory][] = [
  ["node:zlib", (sink) => new NodeInflater(sink)],
  ["JavaScript", (sink) => new JsInflater(sink)],
];

type Answer = { read: string; error: string | null };

async function readAll(input: Uint8Array, createInflater: DeflateInflaterFactory, chunk: number): Promise<Answer> {
  const parts: Uint8Array[] = [];
  const reader = new GzipReader(createInflater, crc32, (bytes) => void parts.push(bytes));
  let error: string | null = null;
  try {
    for (let at = 0; at < input.length; at += chunk) await reader.write(new Uint8Array(input.subarray(at, at + chunk)));
    await reader.finish();
  } catch (caught) {
    error = (caught as Error).message;
  }
  return { read: Buffer.concat(parts).toString("latin1"), error };
}

function header(flags: number, extra: number[] = []): Buffer {
  return Buffer.from([0x1f, 0x8b, 8, flags, 0, 0, 0, 0, 0, 0xff, ...extra]);
}

/** One member of `data` with the given header fields (name, comment, FEXTRA, FHCRC). */
function member(data: string, fields: { flags?: number; fieldBytes?: Buffer; hcrc?: "good" | "bad" } = {}): Buffer {
  const head = Buffer.concat([header(fields.flags ?? 0), fields.fieldBytes ?? Buffer.alloc(0)]);
  const hcrc =
    fields.hcrc === undefined
      ? Buffer.alloc(0)
      : Buffer.from([
          fields.hcrc === "good" ? zlibCrc32(head) & 0xff : 0,
          fields.hcrc === "good" ? (zlibCrc32(head) >>> 8) & 0xff : 0,
        ]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(zlibCrc32(Buffer.from(data, "latin1")), 0);
  trailer.writeUInt32LE(data.length, 4);
  return Buffer.concat([head, hcrc, deflateRawSync(Buffer.from(data, "latin1")), trailer]);
}

const hello = gzipSync("hello ");
const world = gzipSync("world\n");

/** [name, bytes, what Go read, Go's error] */
const GO_VECTORS: [string, Buffer, string, string | null][] = [
  ["one member", hello, "hello ", null],
  ["two members", Buffer.concat([hello, world]), "hello world\n", null],
  ["a member, an empty member, a member", Buffer.concat([hello, gzipSync(""), world]), "hello world\n", null],
  ["512 zero bytes after a member", Buffer.concat([hello, Buffer.alloc(512)]), "hello ", "gzip: invalid header"],
  ["one zero byte after a member", Buffer.concat([hello, Buffer.alloc(1)]), "hello ", "unexpected EOF"],
  ["7 bytes of text after a member", Buffer.concat([hello, Buffer.from("garbage")]), "hello ", "unexpected EOF"],
  [
    "12 bytes of text after a member",
    Buffer.concat([hello, Buffer.from("garbage more")]),
    "hello ",
    "gzip: invalid header",
  ],
  ["the magic alone after a member", Buffer.concat([hello, Buffer.from([0x1f, 0x8b])]), "hello ", "unexpected EOF"],
  ["a bare header after a member", Buffer.concat([hello, header(0)]), "hello ", "unexpected EOF"],
  ["the end inside a name", Buffer.concat([hello, header(0x08), Buffer.from("abc")]), "hello ", "unexpected EOF"],
  [
    "the end inside FEXTRA",
    Buffer.concat([hello, header(0x04), Buffer.from([5, 0, 0x61, 0x62])]),
    "hello ",
    "unexpected EOF",
  ],
  [
    "a 511-byte name",
    Buffer.concat([
      hello,
      member("x", { flags: 0x08, fieldBytes: Buffer.concat([Buffer.alloc(511, 0x6e), Buffer.alloc(1)]) }),
    ]),
    "hello x",
    null,
  ],
  [
    "a 512-byte name",
    Buffer.concat([
      hello,
      member("x", { flags: 0x08, fieldBytes: Buffer.concat([Buffer.alloc(512, 0x6e), Buffer.alloc(1)]) }),
    ]),
    "hello ",
    "gzip: invalid header",
  ],
  [
    "a 512-byte name in the first member",
    member("x", { flags: 0x08, fieldBytes: Buffer.concat([Buffer.alloc(512, 0x6e), Buffer.alloc(1)]) }),
    "",
    "gzip: invalid header",
  ],
  [
    "a comment and FEXTRA",
    Buffer.concat([member("x", { flags: 0x14, fieldBytes: Buffer.from([3, 0, 1, 2, 3, 0x63, 0]) }), world]),
    "xworld\n",
    null,
  ],
  [
    "reserved flag bits (zlib refuses them, Go does not)",
    Buffer.concat([hello, member("x", { flags: 0x20 })]),
    "hello x",
    null,
  ],
  ["reserved flag bits in the first member", member("x", { flags: 0xe0 }), "x", null],
  [
    "compression method 7",
    Buffer.concat([hello, Buffer.from([0x1f, 0x8b, 7, 0, 0, 0, 0, 0, 0, 0xff, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0])]),
    "hello ",
    "gzip: invalid header",
  ],
  [
    "a wrong CRC-32",
    Buffer.concat([hello, member("x").subarray(0, -8), Buffer.from([0, 0, 0, 0, 1, 0, 0, 0])]),
    "hello x",
    "gzip: invalid checksum",
  ],
  [
    "a wrong size",
    Buffer.concat([hello, member("x").subarray(0, -4), Buffer.from([2, 0, 0, 0])]),
    "hello x",
    "gzip: invalid checksum",
  ],
  ["a truncated trailer", Buffer.concat([hello, member("x").subarray(0, -3)]), "hello x", "unexpected EOF"],
  ["a good header CRC", Buffer.concat([hello, member("y", { flags: 0x02, hcrc: "good" })]), "hello y", null],
  [
    "a bad header CRC",
    Buffer.concat([hello, member("y", { flags: 0x02, hcrc: "bad" })]),
    "hello ",
    "gzip: invalid header",
  ],
  ["the end after the FHCRC flag", Buffer.concat([hello, header(0x02)]), "hello ", "unexpected EOF"],
];

describe("GzipReader reads as Go's gzip.Reader", () => {
  for (const [decoder, createInflater] of DECODERS) {
    for (const [name, bytes, read, error] of GO_VECTORS) {
      test(`${decoder}: ${name}`, async () => {
        for (const chunk of [bytes.length, 1, 3, 10, 17]) {
          const answer = await readAll(bytes, createInflater, Math.max(1, chunk));
          // What Go read before stopping is compared only when it read on without error; on error the
          // engine keeps nothing but the reason.
          assert.equal(answer.error, error, `chunks of ${chunk}`);
          if (error === null) assert.equal(answer.read, read, `chunks of ${chunk}`);
        }
      });
    }
  }

  test("empty input is not a gzip stream (Go: EOF from NewReader)", async () => {
    for (const [, createInflater] of DECODERS)
      assert.deepEqual(await readAll(new Uint8Array(0), createInflater, 1), { read: "", error: "EOF" });
  });

  test("any run of members reads as their concatenation; anything after them is an error, on both decoders", async () => {
    const memberArb = fc.record({
      // Latin-1 text: one byte per character, so what is read compares as a string.
      data: fc.string({
        unit: fc.integer({ min: 0, max: 255 }).map((code) => String.fromCharCode(code)),
        maxLength: 3000,
      }),
      flags: fc.constantFrom(0, 0x08, 0x10, 0x04, 0x1c, 0xe0),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(memberArb, { minLength: 1, maxLength: 5 }),
        fc.option(fc.uint8Array({ minLength: 1, maxLength: 40 }), { nil: undefined }),
        fc.integer({ min: 1, max: 700 }),
        async (members, junk, chunk) => {
          const fieldBytes = (flags: number) =>
            Buffer.concat([
              flags & 0x04 ? Buffer.from([2, 0, 9, 9]) : Buffer.alloc(0),
              flags & 0x08 ? Buffer.from("name\0") : Buffer.alloc(0),
              flags & 0x10 ? Buffer.from("comment\0") : Buffer.alloc(0),
            ]);
          const stream = Buffer.concat([
            ...members.map((m) => member(m.data, { flags: m.flags, fieldBytes: fieldBytes(m.flags) })),
            Buffer.from(junk ?? []),
          ]);
          // Random bytes that happen to form a whole valid member (≥ 20 bytes, a CRC) do not occur in practice.
          const junkIsError = junk !== undefined;
          for (const [decoder, createInflater] of DECODERS) {
            const answer = await readAll(stream, createInflater, chunk);
            if (junkIsError) assert.notEqual(answer.error, null, decoder);
            else assert.deepEqual(answer, { read: members.map((m) => m.data).join(""), error: null }, decoder);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
