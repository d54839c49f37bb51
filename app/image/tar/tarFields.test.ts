// Header fields, numbers and pax records, read as Go's archive/tar reads them
// (strconv.go, format.go, reader.go parsePAX).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { TarFormatError } from "../errors.ts";
import { parseHeaderBlock } from "./headerBlock.ts";
import { parseDecimal, parseNumeric, parseNumericBig, parseOctal } from "./numbers.ts";
import { parsePaxRecords, paxFields } from "./pax.ts";
import { binaryString } from "./tarText.ts";
import { header, latin1, octal, paxRecord, seal, setField } from "./testdata/rawTar.ts";

const bytes = (text: string) => latin1(text);

describe("numbers", () => {
  test("octal: spaces and NULs trimmed at both ends, then cut at the first NUL", () => {
    assert.equal(parseOctal(bytes("00000001750\0")), 1000);
    assert.equal(parseOctal(bytes("   1750 \0\0\0\0")), 1000);
    assert.equal(parseOctal(bytes("\0\0 1750")), 1000);
    assert.equal(parseOctal(bytes("12\x0034")), 0o12);
    assert.equal(parseOctal(new Uint8Array(12)), 0);
    assert.equal(parseOctal(bytes("        ")), 0);
  });

  test("octal: a space inside, a sign, a digit 8 or any other byte is an error", () => {
    for (const bad of ["12 34\0", "+12\0", "0001780\0", "12\xc3\xa9", "1e3\0"])
      assert.equal(parseOctal(bytes(bad)), null, JSON.stringify(bad));
  });

  test("base-256: the high bit, two's complement when 0x40 is set too, an error beyond 63 bits", () => {
    const field = new Uint8Array(12);
    field[0] = 0x80;
    field[7] = 0x02; // 2 << 32
    assert.equal(parseNumeric(field), 2 * 2 ** 32);
    assert.equal(parseNumericBig(new Uint8Array(12).fill(0xff)), -1n);
    assert.equal(parseNumericBig(Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe])), -2n);
    assert.equal(parseNumericBig(Uint8Array.from([0x80, ...new Uint8Array(11).fill(0xff)])), null);
    assert.equal(parseNumericBig(Uint8Array.from([0x80, 0x7f, ...new Uint8Array(7).fill(0xff)])), 2n ** 63n - 1n);
  });

  test("decimal as strconv.ParseInt: a sign allowed, int64 range, nothing else", () => {
    assert.equal(parseDecimal("+5"), 5n);
    assert.equal(parseDecimal("-0"), 0n);
    assert.equal(parseDecimal("00012"), 12n);
    assert.equal(parseDecimal("9223372036854775807"), 2n ** 63n - 1n);
    for (const bad of ["", " 5", "5 ", "1e3", "0x10", "1_000", "9223372036854775808", `1${"0".repeat(1000)}`])
      assert.equal(parseDecimal(bad), null, bad);
  });
});

describe("header blocks", () => {
  test("ustar: a 155-byte prefix joins the name", () => {
    const block = header({ name: "layer.tar", typeflag: "0", size: 1234 });
    setField(block, "prefix", bytes("p".repeat(155)));
    const parsed = parseHeaderBlock(seal(block), 0);
    assert.deepEqual(
      [parsed.name.text, parsed.size, parsed.typeflag, parsed.format],
      [`${"p".repeat(155)}/layer.tar`, 1234, 0x30, "ustar"],
    );
  });

  test("STAR ('tar\\0' at byte 508): the prefix is 131 bytes, then atime and ctime", () => {
    const block = header({ name: "f", typeflag: "0", size: 0, format: "star" });
    block.set(bytes("p".repeat(131)), 345);
    block.set(octal(1, 12), 476);
    assert.equal(parseHeaderBlock(seal(block), 0).name.text, `${"p".repeat(131)}/f`);
    block.set(bytes("zz"), 476); // STAR times must parse
    assert.throws(() => parseHeaderBlock(seal(block), 0), TarFormatError);
  });

  test("GNU: atime / ctime that do not parse make an ASCII prefix field a prefix (pre-Go 1.8 writers)", () => {
    const block = header({ name: "f", typeflag: "0", size: 0, format: "gnu" });
    block.set(octal(1, 12), 345);
    assert.equal(parseHeaderBlock(seal(block), 0).name.text, "f");
    block.set(bytes("old-go-prefix"), 345);
    assert.equal(parseHeaderBlock(seal(block), 0).name.text, "old-go-prefix/f");
    block.set(bytes("\xe9"), 345); // not ASCII: no prefix, and the header still reads
    assert.equal(parseHeaderBlock(seal(block), 0).name.text, "f");
  });

  test("every numeric field of the format must parse; V7 has no device numbers", () => {
    for (const field of ["mode", "uid", "gid", "mtime", "devmajor", "devminor"] as const) {
      const block = header({ name: "f", typeflag: "0", size: 0 });
      setField(block, field, bytes("x"));
      assert.throws(() => parseHeaderBlock(seal(block), 512), /field .* is not a number \(at byte 512\)/, field);
    }
    const v7 = header({ name: "f", typeflag: "0", size: 0, format: "v7" });
    setField(v7, "devmajor", bytes("x"));
    assert.equal(parseHeaderBlock(seal(v7), 0).format, "v7");
  });

  test("a negative base-256 size is read (header-only types survive it), the mode's low 32 bits are kept", () => {
    const block = header({ name: "d/", typeflag: "5", size: 0, mode: 0o40755 });
    setField(block, "size", new Uint8Array(12).fill(0xff));
    const parsed = parseHeaderBlock(seal(block), 0);
    assert.deepEqual([parsed.size, parsed.mode], [-1, 0o40755]);
  });

  test("the checksum: octal only, unsigned or the old signed sum", () => {
    const block = header({ name: "\xe9", typeflag: "0", size: 0 }); // a byte above 127 makes the sums differ
    let signed = 0;
    block.fill(0x20, 148, 156);
    for (const byte of block) signed += byte > 127 ? byte - 256 : byte;
    block.set(bytes(`${signed.toString(8).padStart(6, "0")}\0 `), 148);
    assert.equal(parseHeaderBlock(block, 0).typeflag, 0x30);
    block[0] = 0x41;
    assert.throws(() => parseHeaderBlock(block, 512), /checksum does not match \(at byte 512\)/);
    const base256 = seal(header({ name: "f", typeflag: "0", size: 0 }));
    const sum = Number.parseInt(binaryString(base256.subarray(148, 154)), 8);
    base256.set([0x80, 0, 0, 0, 0, 0, (sum >> 8) & 0xff, sum & 0xff], 148);
    assert.throws(() => parseHeaderBlock(base256, 0), /checksum/);
  });

  test("names keep a leading byte-order mark and say when they are not UTF-8", () => {
    const bom = parseHeaderBlock(
      header({ name: new TextEncoder().encode("\ufeffmanifest.json"), typeflag: "0", size: 0 }),
      0,
    );
    assert.deepEqual(bom.name, { text: "\ufeffmanifest.json", exact: true });
    const latin = parseHeaderBlock(header({ name: bytes("caf\xe9"), typeflag: "0", size: 0 }), 0);
    assert.deepEqual(latin.name, { text: "caf\ufffd", exact: false });
  });
});

describe("pax records", () => {
  const records = (...parts: Uint8Array[]) => Uint8Array.from(parts.flatMap((part) => [...part]));

  test("path, linkpath and size; a repeated key keeps its last value; a sign is allowed in lengths and numbers", () => {
    const data = records(
      paxRecord("mtime", "1700000000.123456789"),
      paxRecord("path", "a"),
      paxRecord("path", "a/b/c.txt"),
      paxRecord("linkpath", "x/y"),
      bytes("+13 size=+12\n"),
    );
    const fields = paxFields(parsePaxRecords(data, 0));
    assert.deepEqual(
      [
        binaryString(fields?.path ?? new Uint8Array()),
        binaryString(fields?.linkpath ?? new Uint8Array()),
        fields?.size,
      ],
      ["a/b/c.txt", "x/y", 12],
    );
  });

  test("an empty value keeps the header's own field", () => {
    assert.deepEqual(paxFields(parsePaxRecords(records(paxRecord("path", ""), paxRecord("size", "")), 0)), {
      path: null,
      linkpath: null,
      size: null,
    });
  });

  test("malformed records are errors, trailing NULs included", () => {
    for (const bad of [
      "5 a=b\n",
      "x path=a\n",
      "99 path=a\n",
      "11 pathab\n",
      "8 =abc\n",
      "12 path=ab\n\0\0\0",
      "4 a=\n",
      "12 path=a\0b\n",
      "12 k\0ey=ab\n",
    ]) {
      assert.throws(() => parsePaxRecords(bytes(bad), 0), TarFormatError, JSON.stringify(bad));
    }
  });

  test("a NUL is allowed in the values of keys that are not ustar fields", () => {
    assert.equal(parsePaxRecords(paxRecord("comment", bytes("a\0bcd")), 0).get("comment")?.length, 5);
  });

  test("a uid, gid, size or time that does not parse fails the header, as in Go's mergePAX", () => {
    for (const [key, value] of [
      ["size", "1e3"],
      ["uid", "x"],
      ["gid", "99999999999999999999"],
      ["mtime", ".5"],
      ["atime", "1.a"],
      ["ctime", "1.-5"],
    ]) {
      assert.equal(paxFields(parsePaxRecords(paxRecord(key as string, value as string), 0)), null, `${key}=${value}`);
    }
    for (const time of ["1", "-1.5", "1.", "+1.0", "1234567890.1234567890123"])
      assert.notEqual(paxFields(parsePaxRecords(paxRecord("mtime", time), 0)), null, time);
  });

  test("GNU sparse 0.0 offset / numbytes records become one map; out of order they are an error", () => {
    const map = parsePaxRecords(
      records(
        paxRecord("GNU.sparse.offset", "0"),
        paxRecord("GNU.sparse.numbytes", "5"),
        paxRecord("GNU.sparse.offset", "9"),
        paxRecord("GNU.sparse.numbytes", "1"),
      ),
      0,
    );
    assert.equal(binaryString(map.get("GNU.sparse.map") ?? new Uint8Array()), "0,5,9,1");
    assert.throws(() => parsePaxRecords(paxRecord("GNU.sparse.numbytes", "5"), 0), TarFormatError);
  });
});
