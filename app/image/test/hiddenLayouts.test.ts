// Tars the engine finds no image in, that docker would still load images from (found by the
// differential harness, app/loaders/corpus: docker 20.10 loaded the evil image every time).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { ArchiveReport } from "../report.ts";
import { itemAt } from "../util/itemAt.ts";
import { hashPoolForSuite, inspectBytes } from "./hashPoolForTests.ts";
import { addEntry, dropEntry, renameEntry, type TarEdit } from "./rewriteTar.ts";
import { dockerArchive, layerTar, ociLayout } from "./syntheticArchives.ts";
import { buildTar, type TarInput } from "./tarWriter.ts";

const layers = [layerTar("a.txt", "first layer"), layerTar("b.txt", "second layer")];
const described = (report: ArchiveReport) => [
  report.format,
  report.verdict,
  report.problems.map((p) => (p.code === "ambiguous-archive" ? `${p.code}:${p.construct}` : p.code)),
];

function edited(entries: TarInput[], ...edits: TarEdit[]): Uint8Array {
  let result = entries;
  for (const edit of edits) result = edit(result);
  return buildTar(result);
}

const v1Folder: TarInput[] = [
  { path: "0123abcd/json", data: JSON.stringify({ id: "0123abcd" }) },
  { path: "0123abcd/layer.tar", data: layerTar("evil.sh", "#!/bin/sh") },
];

describe("layouts only docker would see", () => {
  const pool = hashPoolForSuite();

  test("no manifest.json but v1 image folders: docker 20.10 loads them (legacy load), so it is no plain file", async () => {
    const report = await inspectBytes(pool(), buildTar([...v1Folder, { path: "repositories", data: "{}" }]));
    assert.deepEqual(described(report), ["docker-archive", "unsupported", ["no-images"]]);
    assert.match(
      report.problems[0]?.message ?? "",
      /docker 20\.10 would load the folder 0123abcd as images of the pre-1\.10 layout/,
    );
  });

  test("a manifest.json the engine keeps out of its table (/manifest.json) is one docker's extraction puts at the root", async () => {
    const image = dockerArchive(layers);
    const report = await inspectBytes(pool(), edited(image.entries, renameEntry("manifest.json", "/manifest.json")));
    assert.deepEqual(described(report), ["unknown", "tampered", ["unsafe-path"]]);
  });

  test("v1 folders beside an OCI layout: docker loads them, the other loaders the layout", async () => {
    const oci = ociLayout(layers);
    const report = await inspectBytes(pool(), buildTar([...oci.entries, ...v1Folder]));
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(described(report)[2], ["ambiguous-archive:legacy-layout"]);
  });

  test("a tar of other files stays a plain file; a layout with manifest.json is not affected by folders", async () => {
    const plain = await inspectBytes(
      pool(),
      buildTar([
        { path: "docs/readme.txt", data: "hello" },
        { path: "docs/json.txt", data: "{}" },
      ]),
    );
    assert.deepEqual(described(plain), ["file", "intact", []]);
    const image = dockerArchive(layers);
    const withFolder = await inspectBytes(
      pool(),
      edited(image.entries, addEntry(itemAt(v1Folder, 0)), dropEntry("repositories")),
    );
    assert.equal(withFolder.verdict, "intact");
  });
});
