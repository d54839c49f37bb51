// What the readers record reaches the report: an image archive that loaders could read
// differently is TAMPERED with an "ambiguous-archive" problem naming the construct, through
// the uncompressed path (indexTar) and the .tar.gz path (the stream reader in a worker).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { hashPoolForSuite, inspectBytes } from "../test/hashPoolForTests.ts";
import { dockerArchive, layerTar } from "../test/syntheticArchives.ts";
import { buildTar, concatBytes } from "../test/tarWriter.ts";

const pool = hashPoolForSuite();
const image = dockerArchive([layerTar("a.txt", "first layer")]);

function ambiguous(report: Awaited<ReturnType<typeof inspectBytes>>) {
  return report.problems.flatMap((p) => (p.code === "ambiguous-archive" ? [[p.construct, p.path]] : []));
}

describe("ambiguities in the report", () => {
  test("a clean image archive has none, as tar and as .tar.gz", async () => {
    const tar = buildTar(image.entries);
    for (const bytes of [tar, gzipSync(tar)]) {
      const report = await inspectBytes(pool(), bytes);
      assert.deepEqual([report.verdict, ambiguous(report)], ["intact", []]);
    }
  });

  test("bytes after the end-of-archive marker make it tampered, as tar and as .tar.gz", async () => {
    const tar = concatBytes([buildTar(image.entries), buildTar([{ path: "manifest.json", data: "[]" }])]);
    for (const bytes of [tar, gzipSync(tar)]) {
      const report = await inspectBytes(pool(), bytes);
      assert.deepEqual([report.verdict, ambiguous(report)], ["tampered", [["trailing-data", null]]]);
    }
  });

  test("an entry of a type only some loaders read as a file makes it tampered", async () => {
    const tar = buildTar([...image.entries, { path: "extra.json", type: "7", data: "{}" }]);
    for (const bytes of [tar, gzipSync(tar)]) {
      const report = await inspectBytes(pool(), bytes);
      assert.deepEqual([report.verdict, ambiguous(report)], ["tampered", [["entry-type", "extra.json"]]]);
    }
  });
});
