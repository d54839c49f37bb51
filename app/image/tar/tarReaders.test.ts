import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { TarFormatError } from "../errors.ts";
import { BlobSource } from "../source/blobSource.ts";
import { buildTar, headerBlock, sealChecksum, type TarInput } from "../test/tarWriter.ts";
import { parseHeaderBlock } from "./headerBlock.ts";
import { indexTar } from "./indexTar.ts";
import { parseNumberField } from "./numbers.ts";
import { parsePaxRecords } from "./pax.ts";
import { streamEntries } from "../test/streamEntries.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

const indexed = (archive: Uint8Array) => indexTar(new BlobSource(new Blob([archive as Uint8Array<ArrayBuffer>])));

describe("number fields", () => {
  test("octal, padded with spaces or NULs", () => {
    assert.equal(parseNumberField(bytes("00000001750\0"), "size", 0), 1000);
    assert.equal(parseNumberField(bytes("   1750 \0\0\0\0"), "size", 0), 1000);
    assert.equal(parseNumberField(new Uint8Array(12), "size", 0), 0);
  });

  test("GNU base-256 for sizes beyond 8 GiB", () => {
    const field = new Uint8Array(12);
    field[0] = 0x80;
    field[7] = 0x02; // 2 << 32
    assert.equal(parseNumberField(field, "size", 0), 2 * 2 ** 32);
  });

  test("rejects digits that are not octal, negative base-256 and unsafe integers", () => {
    assert.throws(() => parseNumberField(bytes("00000001780\0"), "size", 0), TarFormatError);
    assert.throws(() => parseNumberField(bytes("0001 2\0"), "size", 0), TarFormatError);
    assert.throws(() => parseNumberField(new Uint8Array(12).fill(0xff), "size", 0), TarFormatError);
    assert.throws(() => parseNumberField(new Uint8Array([0x80, ...new Uint8Array(11).fill(0xff)]), "size", 0), TarFormatError);
  });
});

describe("header blocks", () => {
  test("reads name, size, type and the ustar prefix", () => {
    const block = headerBlock("layer.tar", "0", 1234);
    block.set(bytes("some/dir"), 345);
    const header = parseHeaderBlock(sealChecksum(block), 0);
    assert.deepEqual(header, { name: "some/dir/layer.tar", linkName: "", size: 1234, typeflag: "0", format: "ustar" });
  });

  test("accepts the old signed checksum and refuses a wrong one", () => {
    const block = headerBlock("é", "0", 0); // a byte above 127 makes the signed sum differ
    let signed = 0;
    block.fill(0x20, 148, 156);
    for (const byte of block) signed += byte > 127 ? byte - 256 : byte;
    block.set(bytes(`${signed.toString(8).padStart(6, "0")}\0 `), 148);
    assert.equal(parseHeaderBlock(block, 0).name, "é");
    block[0] = 0x41;
    assert.throws(() => parseHeaderBlock(block, 512), /checksum does not match \(at byte 512\)/);
  });
});

describe("pax records", () => {
  test("path, linkpath and size; other keys ignored", () => {
    const records = bytes("30 mtime=1700000000.123456789\n20 path=a/b/c/d.txt\n16 linkpath=x/y\n14 size=12345\n");
    assert.deepEqual(parsePaxRecords(records, 0), { path: "a/b/c/d.txt", linkpath: "x/y", size: 12345 });
  });

  test("malformed records are format errors", () => {
    for (const bad of ["5 a=b\n", "x path=a\n", "99 path=a\n", "11 pathab\n", "12 size=1x\n"]) {
      assert.throws(() => parsePaxRecords(bytes(bad), 0), TarFormatError, bad);
    }
  });
});

describe("the random-access indexer and the stream reader agree", () => {
  const inputs: TarInput[] = [
    { path: "dir/", type: "5" },
    { path: "dir/small.txt", data: "hello" },
    { path: "dir/link", type: "2", linkTarget: "small.txt" },
    { path: "hard", type: "1", linkTarget: "dir/small.txt" },
    { path: `${"long/".repeat(30)}name.bin`, data: new Uint8Array(1500).fill(7), longName: "pax" },
    { path: `${"gnu/".repeat(40)}name.bin`, data: new Uint8Array(700).fill(9), longName: "gnu" },
    { path: "exact.bin", data: new Uint8Array(1024).fill(1) },
    { path: "fifo", type: "6" },
  ];
  const archive = buildTar(inputs);

  test("same entries, same offsets, whatever the chunking", async () => {
    const expected = await indexed(archive);
    assert.deepEqual(
      expected.map((e) => [e.rawPath, e.kind, e.linkTarget, e.size]),
      inputs.map((i) => [i.path.replace(/\/$/, i.type === "5" ? "/" : ""), { "5": "directory", "2": "symlink", "1": "hardlink", "6": "other" }[i.type ?? ""] ?? "file", i.linkTarget ?? null, typeof i.data === "string" ? i.data.length : (i.data?.length ?? 0)]),
    );
    for (const chunks of [[archive.length], [1], [511, 513], [100, 7, 4096]]) {
      const streamed = await streamEntries(archive, chunks);
      assert.deepEqual(streamed.entries, expected, `chunks ${chunks.join(",")}`);
      for (const entry of expected) assert.equal(streamed.data.get(entry.dataOffset), entry.size);
    }
  });

  test("an archive that ends at a header boundary without zero blocks is complete", async () => {
    const open = buildTar(inputs.slice(0, 2), { end: false });
    assert.equal((await indexed(open)).length, 2);
    assert.equal((await streamEntries(open, [300])).entries.length, 2);
  });

  test("both refuse a truncated archive", async () => {
    const cut = archive.subarray(0, archive.length - 1024 - 100);
    await assert.rejects(indexed(cut), TarFormatError);
    await assert.rejects(streamEntries(cut, [4096]), TarFormatError);
  });

  test("both refuse a pax record with no entry after it", async () => {
    const dangling = buildTar([{ path: "x", pax: { path: "y" } }]).subarray(0, 1024);
    await assert.rejects(indexed(dangling), TarFormatError);
    await assert.rejects(streamEntries(dangling, [512]), TarFormatError);
  });

  test("pax size overrides the header size", async () => {
    const big = buildTar([{ path: "big", data: new Uint8Array(2000), headerSize: 0, pax: { size: "2000" } }]);
    const [entry] = await indexed(big);
    assert.equal(entry?.size, 2000);
  });
});
