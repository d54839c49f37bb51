// What the readers record when Go reads an entry one way but the loaders built on it could
// still disagree: typeflags only some loaders read as files, mode bits that contradict the
// typeflag (containers/image goes by the mode), names that are not UTF-8, sparse entries.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { BlobSource } from "../source/blobSource.ts";
import { streamEntries } from "../test/streamEntries.ts";
import { indexTar } from "./indexTar.ts";
import { type Bytes, bytes, concat, header, latin1, padded, paxRecord } from "./testdata/rawTar.ts";

const END = new Uint8Array(1024);

function member(
  name: string | Bytes,
  typeflag: string,
  options: { data?: string; mode?: number; linkname?: string | Bytes } = {},
): Bytes {
  const data = bytes(options.data ?? "");
  return concat([
    header({ name, typeflag, size: data.length, mode: options.mode ?? 0o644, linkname: options.linkname ?? "" }),
    padded(data),
  ]);
}

/** [construct, path] of every ambiguity, after checking both readers record the same ones. */
async function ambiguities(...members: Bytes[]): Promise<[string, string | null][]> {
  const archive = concat([...members, END]);
  const listing = await indexTar(new BlobSource(new Blob([archive as Uint8Array<ArrayBuffer>])));
  assert.deepEqual((await streamEntries(archive, [333])).ambiguities, listing.ambiguities);
  return listing.ambiguities.map((a) => [a.construct, a.path]);
}

describe("entry types", () => {
  test("typeflags outside '0' to '6' are ambiguous; they are read as entries with data", async () => {
    for (const flag of ["7", "D", "M", "N", "V", "A", "\x01"]) {
      assert.deepEqual(
        await ambiguities(member("f", flag, { data: "x" })),
        [["entry-type", "f"]],
        JSON.stringify(flag),
      );
    }
  });

  test("the standard types with no mode type bits, or with their own, are not", async () => {
    const members = [
      member("f", "0", { mode: 0o100644, data: "x" }),
      member("g", "0", { mode: 0o644 }),
      member("h", "1", { mode: 0o100644, linkname: "f" }),
      member("l", "2", { mode: 0o120777, linkname: "f" }),
      member("c", "3", { mode: 0o20644 }),
      member("b", "4", { mode: 0o60644 }),
      member("d/", "5", { mode: 0o40755 }),
      member("p", "6", { mode: 0o10644 }),
      member("old", "\0", { mode: 0o100644 }),
    ];
    assert.deepEqual(await ambiguities(...members), []);
  });

  test("mode type bits that contradict the typeflag are ambiguous (containers/image goes by the mode)", async () => {
    assert.deepEqual(
      await ambiguities(
        member("f", "0", { mode: 0o120777 }),
        member("l", "2", { mode: 0o100644, linkname: "f" }),
        member("d/", "5", { mode: 0o140755 }),
      ),
      [
        ["entry-type", "f"],
        ["entry-type", "l"],
        ["entry-type", "d/"],
      ],
    );
  });

  test("a regular file whose name ends in '/' is ambiguous; the old NUL flag makes it a directory instead", async () => {
    assert.deepEqual(await ambiguities(member("f/", "0")), [["entry-type", "f/"]]);
    assert.deepEqual(await ambiguities(member("d/", "\0")), []);
  });
});

describe("names", () => {
  test("a name or link target that is not UTF-8 is ambiguous; a byte-order mark is kept, not an ambiguity", async () => {
    assert.deepEqual(await ambiguities(member(latin1("caf\xe9"), "0")), [["entry-name", "caf\ufffd"]]);
    assert.deepEqual(await ambiguities(member("l", "2", { linkname: latin1("\xff") })), [["entry-name", "l"]]);
    assert.deepEqual(await ambiguities(member(bytes("\ufeffmanifest.json"), "0")), []);
  });

  test("a global pax header named by its path next to a malformed number is ambiguous (Go's map order decides)", async () => {
    const global = member("pax_global_header", "g", {
      data: String.fromCharCode(...concat([paxRecord("path", "named"), paxRecord("mtime", "x")])),
    });
    assert.deepEqual(await ambiguities(global), [["tar-header", "named"]]);
    const clean = member("pax_global_header", "g", { data: String.fromCharCode(...paxRecord("comment", "git")) });
    assert.deepEqual(await ambiguities(clean), []);
  });
});

describe("sparse", () => {
  test("any GNU.sparse.* record makes the entry ambiguous, even a version Go does not treat as sparse", async () => {
    const records = concat([paxRecord("GNU.sparse.major", "2"), paxRecord("GNU.sparse.minor", "0")]);
    const x = member("PaxHeaders/f", "x", { data: String.fromCharCode(...records) });
    assert.deepEqual(await ambiguities(x, member("f", "0", { data: "abc" })), [["sparse-entry", "f"]]);
  });

  test("pax sparse 1.0 is ambiguous under its GNU.sparse.name", async () => {
    const records = concat([
      paxRecord("GNU.sparse.major", "1"),
      paxRecord("GNU.sparse.minor", "0"),
      paxRecord("GNU.sparse.name", "real-name"),
      paxRecord("GNU.sparse.realsize", "10"),
    ]);
    const x = member("PaxHeaders/f", "x", { data: String.fromCharCode(...records) });
    assert.deepEqual(await ambiguities(x, member("GNUSparseFile.0/real-name", "0", { data: "1\n0\n3\n" })), [
      ["sparse-entry", "real-name"],
    ]);
  });
});
