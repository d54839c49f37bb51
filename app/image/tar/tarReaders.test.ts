// The two tar readers (indexTar: random access; TarStreamReader: chunks) read entries as
// Go's archive/tar Reader.Next() returns them, and agree with each other whatever the
// chunking. Each case is one of Go's rules; goConformance / goMutations check the rest.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { LimitExceededError, TarFormatError } from "../errors.ts";
import { BlobSource } from "../source/blobSource.ts";
import { streamEntries } from "../test/streamEntries.ts";
import { buildTar, type TarInput } from "../test/tarWriter.ts";
import { indexTar } from "./indexTar.ts";
import type { TarListing } from "./tarListing.ts";
import {
  type Bytes,
  bytes,
  concat,
  header,
  latin1,
  octal,
  padded,
  paxRecord,
  seal,
  setField,
} from "./testdata/rawTar.ts";

const indexed = (archive: Uint8Array) => indexTar(new BlobSource(new Blob([archive as Uint8Array<ArrayBuffer>])));

/** Both readers' listing, after checking they agree (entries, ambiguities, data delivered). */
async function listBoth(archive: Uint8Array): Promise<TarListing> {
  const expected = await indexed(archive);
  for (const chunks of [[archive.length || 1], [1], [511, 513], [100, 7, 4096]]) {
    const { data, ...streamed } = await streamEntries(archive, chunks);
    assert.deepEqual(streamed, expected, `chunks ${chunks.join(",")}`);
    for (const entry of expected.entries)
      assert.equal(data.get(entry.dataOffset), entry.size, `${entry.rawPath}: data delivered`);
  }
  return expected;
}

async function refusedByBoth(archive: Uint8Array, message: RegExp): Promise<void> {
  await assert.rejects(indexed(archive), message);
  await assert.rejects(streamEntries(archive, [300]), message);
}

const summary = ({ entries }: TarListing) => entries.map((e) => [e.rawPath, e.typeflag, e.kind, e.size]);
const END = new Uint8Array(1024);

/** A member: header block and padded data. */
function member(
  name: string | Bytes,
  typeflag: string,
  data: Bytes = new Uint8Array(0),
  options: { size?: number; linkname?: string; mode?: number } = {},
): Bytes {
  return concat([
    header({
      name,
      typeflag,
      size: options.size ?? data.length,
      linkname: options.linkname ?? "",
      mode: options.mode ?? 0o644,
    }),
    padded(data),
  ]);
}

const pax = (typeflag: "x" | "g", ...records: Bytes[]) => member("PaxHeaders/x", typeflag, concat(records));

describe("entries as Go reads them", () => {
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

  test("the same entries, offsets and data through both readers, whatever the chunking", async () => {
    const listing = await listBoth(buildTar(inputs));
    assert.deepEqual(summary(listing), [
      ["dir/", "5", "directory", 0],
      ["dir/small.txt", "0", "file", 5],
      ["dir/link", "2", "symlink", 0],
      ["hard", "1", "hardlink", 0],
      [`${"long/".repeat(30)}name.bin`, "0", "file", 1500],
      [`${"gnu/".repeat(40)}name.bin`, "0", "file", 700],
      ["exact.bin", "0", "file", 1024],
      ["fifo", "6", "other", 0],
    ]);
    assert.deepEqual(listing.ambiguities, []);
  });

  test("header-only types ('1' to '6') have no data whatever their size says: the next header follows", async () => {
    const listing = await listBoth(
      concat([member("d/", "5", new Uint8Array(0), { size: 4096 }), member("f", "0", bytes("abc")), END]),
    );
    assert.deepEqual(summary(listing), [
      ["d/", "5", "directory", 0],
      ["f", "0", "file", 3],
    ]);
  });

  test("the old NUL typeflag: a directory when the name ends in '/', and then its 'data' is read as headers", async () => {
    const smuggled = member("smuggled.json", "0", bytes("{}"));
    const archive = concat([member("dir/", "\0", smuggled), member("file", "\0", bytes("x")), END]);
    assert.deepEqual(summary(await listBoth(archive)), [
      ["dir/", "5", "directory", 0],
      ["smuggled.json", "0", "file", 2],
      ["file", "0", "file", 1],
    ]);
  });

  test("a global pax header ('g') is an entry named by its own path, and drops a pending 'x' or 'L'", async () => {
    const archive = concat([
      pax("x", paxRecord("path", "dropped")),
      member("././@LongLink", "L", bytes("dropped too\0")),
      pax("g", paxRecord("path", "global")),
      member("kept", "0", bytes("k")),
      END,
    ]);
    assert.deepEqual(summary(await listBoth(archive)), [
      ["global", "g", "other", 0],
      ["kept", "0", "file", 1],
    ]);
  });

  test("each 'x' replaces the one before; an empty value keeps the header's field; 'L' wins over pax path", async () => {
    const replaced = concat([
      pax("x", paxRecord("path", "first"), paxRecord("linkpath", "first-link")),
      pax("x", paxRecord("path", "second")),
      member("header", "2", new Uint8Array(0), { linkname: "own-link" }),
      END,
    ]);
    assert.deepEqual(
      (await listBoth(replaced)).entries.map((e) => [e.rawPath, e.linkTarget]),
      [["second", "own-link"]],
    );
    const empty = concat([pax("x", paxRecord("path", "")), member("header", "0"), END]);
    assert.deepEqual(summary(await listBoth(empty)), [["header", "0", "file", 0]]);
    const long = concat([
      member("././@LongLink", "L", bytes("from-L\0")),
      pax("x", paxRecord("path", "from-x")),
      member("header", "0"),
      END,
    ]);
    assert.deepEqual(summary(await listBoth(long)), [["from-L", "0", "file", 0]]);
  });

  test("a GNU long name is cut at its first NUL, and an empty one does not replace the name", async () => {
    const cut = concat([member("././@LongLink", "L", latin1("first\0second")), member("header", "0"), END]);
    assert.deepEqual(summary(await listBoth(cut)), [["first", "0", "file", 0]]);
    const emptied = concat([
      member("././@LongLink", "L", bytes("long\0")),
      member("././@LongLink", "L", new Uint8Array(1)),
      member("header", "0"),
      END,
    ]);
    assert.deepEqual(summary(await listBoth(emptied)), [["header", "0", "file", 0]]);
  });

  test("pax size overrides the header size; a negative one is refused, as is a negative size on a file", async () => {
    const big = buildTar([{ path: "big", data: new Uint8Array(2000), headerSize: 0, pax: { size: "2000" } }]);
    assert.deepEqual(summary(await listBoth(big)), [["big", "0", "file", 2000]]);
    await refusedByBoth(buildTar([{ path: "neg", pax: { size: "-1" } }]), /negative size/);
    const negative = header({ name: "f", typeflag: "0", size: 0 });
    setField(negative, "size", new Uint8Array(12).fill(0xff));
    await refusedByBoth(concat([seal(negative), END]), /negative size/);
  });

  test("a negative size on a header-only type is read, as Go ignores it", async () => {
    const dir = header({ name: "d/", typeflag: "5", size: 0 });
    setField(dir, "size", new Uint8Array(12).fill(0xff));
    assert.deepEqual(summary(await listBoth(concat([seal(dir), END]))), [["d/", "5", "directory", 0]]);
  });

  test("a record larger than 1 MiB is refused (Go's ErrFieldTooLong)", async () => {
    await refusedByBoth(
      concat([header({ name: "PaxHeaders/x", typeflag: "x", size: 1024 * 1024 + 1 }), END]),
      /exceeds 1048576/,
    );
  });

  test("an old GNU sparse entry: its extension blocks are skipped, so later offsets stay right", async () => {
    const sparse = header({ name: "sparse.bin", typeflag: "S", size: 30, format: "gnu" });
    setField(sparse, "gnuRealSize", octal(60_000, 12));
    for (let k = 0; k < 4; k++) sparse.set(concat([octal(k * 1000, 12), octal(5, 12)]), 386 + 24 * k);
    sparse[482] = 1;
    const extension = new Uint8Array(512);
    for (let k = 0; k < 2; k++) extension.set(concat([octal((4 + k) * 1000, 12), octal(5, 12)]), 24 * k);
    const archive = concat([
      seal(sparse),
      extension,
      padded(new Uint8Array(30).fill(0x61)),
      member("after", "0", bytes("after")),
      END,
    ]);
    const listing = await listBoth(archive);
    assert.deepEqual(
      listing.entries.map((e) => [e.rawPath, e.typeflag, e.size, e.dataOffset]),
      [
        ["sparse.bin", "S", 30, 1024],
        ["after", "0", 5, 2048],
      ],
    );
    assert.deepEqual(
      listing.ambiguities.map((a) => [a.construct, a.path, a.offset]),
      [["sparse-entry", "sparse.bin", 0]],
    );
  });

  test("sparse maps Go refuses are refused: out of order, beyond the file, or in a header that is not GNU", async () => {
    const make = (format: "gnu" | "ustar", fragments: [number, number][], realSize: number) => {
      const block = header({ name: "s", typeflag: "S", size: 0, format });
      setField(block, "gnuRealSize", octal(realSize, 12));
      fragments.forEach(([offset, length], k) => {
        block.set(concat([octal(offset, 12), octal(length, 12)]), 386 + 24 * k);
      });
      return concat([seal(block), END]);
    };
    await refusedByBoth(
      make(
        "gnu",
        [
          [10, 5],
          [12, 5],
        ],
        100,
      ),
      /sparse map/,
    );
    await refusedByBoth(make("gnu", [[90, 20]], 100), /sparse map/);
    await refusedByBoth(make("ustar", [[0, 5]], 100), /not GNU/);
  });
});

describe("where the archive ends, as in Go", () => {
  const files = buildTar(
    [
      { path: "a", data: "hello" },
      { path: "b", data: "world" },
    ],
    { end: false },
  );

  test("at a header boundary without zero blocks, after one zero block, or inside the last padding", async () => {
    for (const archive of [files, concat([files, new Uint8Array(512)]), files.subarray(0, files.length - 100)]) {
      assert.deepEqual(summary(await listBoth(archive)), [
        ["a", "0", "file", 5],
        ["b", "0", "file", 5],
      ]);
    }
  });

  test("after a pax record with no entry (Go ignores it)", async () => {
    assert.deepEqual(summary(await listBoth(concat([files, pax("x", paxRecord("path", "nothing")), END]))), [
      ["a", "0", "file", 5],
      ["b", "0", "file", 5],
    ]);
  });

  test("cut inside a header, an entry's data or the end marker, or a header after one zero block: refused", async () => {
    await refusedByBoth(files.subarray(0, 512 + 3), /archive ends/);
    await refusedByBoth(files.subarray(0, 100), /archive ends/);
    await refusedByBoth(concat([files, new Uint8Array(700)]), /archive ends/);
    await refusedByBoth(
      concat([files, new Uint8Array(512), member("c", "0"), END]),
      /a header follows a single zero block/,
    );
  });

  test("zero padding after the marker is normal; a non-zero byte there is an ambiguity, at its offset", async () => {
    assert.deepEqual((await listBoth(concat([files, new Uint8Array(10240)]))).ambiguities, []);
    const trailing = await listBoth(concat([files, END, new Uint8Array(3000), bytes("!")]));
    assert.deepEqual(
      trailing.ambiguities.map((a) => [a.construct, a.path, a.offset]),
      [["trailing-data", null, files.length + 1024 + 3000]],
    );
    const hidden = await listBoth(concat([files, END, member("hidden.json", "0", bytes("{}"))]));
    assert.deepEqual([summary(hidden).length, hidden.ambiguities.map((a) => a.construct)], [2, ["trailing-data"]]);
  });

  test("trailing bytes far past the marker are found in bounded reads", async () => {
    const far = concat([files, END, new Uint8Array(3 * 1024 * 1024), bytes("x")]);
    assert.deepEqual(
      (await indexed(far)).ambiguities.map((a) => a.offset),
      [files.length + 1024 + 3 * 1024 * 1024],
    );
  });
});

describe("limits", () => {
  test("a name longer than the path cap is refused by both", async () => {
    const archive = concat([member("././@LongLink", "L", bytes(`${"n".repeat(5000)}\0`)), member("x", "0"), END]);
    await assert.rejects(indexed(archive), LimitExceededError);
    await assert.rejects(streamEntries(archive, [512]), LimitExceededError);
  });

  test("a checksum that does not match is refused at the header's offset", async () => {
    const archive = concat([member("a", "0", bytes("x")), member("b", "0")]);
    archive[1024 + 5] = 0x41;
    await assert.rejects(
      indexed(archive),
      (error: unknown) => error instanceof TarFormatError && error.offset === 1024,
    );
  });
});
