// Tampered copies of real archives, one per way an attacker (or a broken copy) can change
// them: a layer byte flipped, the config edited, a blob renamed, a layer dropped. Each
// must be caught with the exact reason: which entry, which digest expected, which found.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import type { Digest } from "../digest.ts";
import type { ArchiveReport, Problem } from "../report.ts";
import { itemAt } from "../util/itemAt.ts";
import { hashPoolForSuite, inspectBytes } from "./hashPoolForTests.ts";
import { dropEntry, editData, flipByte, readTarInputs, renameEntry, rewriteTar } from "./rewriteTar.ts";

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const sha256 = (bytes: Uint8Array): Digest => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

async function entryData(archive: Uint8Array, path: string): Promise<Uint8Array> {
  const entry = (await readTarInputs(archive)).find((input) => input.path === path);
  if (!entry || typeof entry.data === "string" || !entry.data) throw new Error(`test setup: no ${path}`);
  return entry.data;
}

function only(report: ArchiveReport, code: Problem["code"]): Problem[] {
  return report.problems.filter((p) => p.code === code);
}

/** Same-length edit of a config's label, as someone changing metadata without rebuilding would. */
function editLabel(config: Uint8Array): Uint8Array {
  const text = new TextDecoder().decode(config);
  assert.ok(text.includes('"fixture"'));
  return new TextEncoder().encode(text.replace('"fixture"', '"fixturX"'));
}

describe("docker save ≤ 24 (legacy layout)", () => {
  const pool = hashPoolForSuite();
  const archive = fixture("docker20-save.tar");
  const layer2 = "1f4dc0379e2e703593d9cf0717cbe832419fa74a35a47cf6365eb812ed3d0ef4/layer.tar";
  const config = "95adec1d2026fe705a6ea31e6b2756e9332326d4df200f3ae4004bf0bacc9720.json";

  test("a flipped byte in a layer: diffid-mismatch naming layer 2, the declared and the found diffId", async () => {
    const tampered = await rewriteTar(archive, flipByte(layer2, 1_500_000));
    const report = await inspectBytes(pool(), tampered);
    assert.equal(report.verdict, "tampered");
    const found = sha256(await entryData(tampered, layer2));
    assert.deepEqual(
      report.problems.map(({ message: _, ...rest }) => rest),
      [
        {
          code: "diffid-mismatch",
          path: layer2,
          expected: "sha256:ab54cdcbcd5198522b7754a1a966c091e72587cfb7f5d3a526a8e8463b161734",
          found,
          layerIndex: 1,
          imageId: "sha256:95adec1d2026fe705a6ea31e6b2756e9332326d4df200f3ae4004bf0bacc9720",
        },
      ],
    );
    assert.deepEqual(
      report.images[0]?.layers.map((l) => l.status),
      ["ok", "mismatch"],
    );
  });

  test("an edited config: its name and content disagree, and the imageId is the new content's", async () => {
    const tampered = await rewriteTar(archive, editData(config, editLabel));
    const report = await inspectBytes(pool(), tampered);
    const newId = sha256(await entryData(tampered, config));
    assert.equal(report.verdict, "tampered");
    assert.equal(report.images[0]?.imageId, newId);
    const [problem] = only(report, "config-digest-mismatch");
    assert.deepEqual(
      { ...problem, message: undefined },
      {
        code: "config-digest-mismatch",
        path: config,
        expected: "sha256:95adec1d2026fe705a6ea31e6b2756e9332326d4df200f3ae4004bf0bacc9720",
        found: newId,
        imageId: newId,
        message: undefined,
      },
    );
  });

  test("a dropped layer: missing-entry for layer 2 and the layer marked missing", async () => {
    const report = await inspectBytes(pool(), await rewriteTar(archive, dropEntry(layer2)));
    assert.equal(report.verdict, "tampered");
    const [problem] = only(report, "missing-entry");
    assert.equal(problem?.code === "missing-entry" && problem.path, layer2);
    assert.equal(problem?.layerIndex, 1);
    assert.deepEqual(
      report.images[0]?.layers.map((l) => l.status),
      ["ok", "missing"],
    );
  });

  test("a renamed layer directory: the layer manifest.json names is missing", async () => {
    const report = await inspectBytes(pool(), await rewriteTar(archive, renameEntry(layer2, "renamed/layer.tar")));
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(
      only(report, "missing-entry").map((p) => p.code === "missing-entry" && p.path),
      [layer2],
    );
  });

  test("the same flip inside a .tar.gz is caught in the sequential pass", async () => {
    const tampered = gzipSync(await rewriteTar(archive, flipByte(layer2, 10)));
    const report = await inspectBytes(pool(), tampered);
    assert.equal(report.compression, "gzip");
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(
      only(report, "diffid-mismatch").map((p) => p.layerIndex),
      [1],
    );
  });
});

describe("OCI layout with gzip layers (podman oci-archive)", () => {
  const pool = hashPoolForSuite();
  const archive = fixture("podman-oci-archive.tar");
  const layer2 = "blobs/sha256/cd10641f9d17f107eea7098026b2f15f5f83463d8463140b55f370fb0206c39f";
  const config = "blobs/sha256/4a3c0ed636b9934ff88032a5ab3171ed6d4f627c4052d865683a3e89a75eceb8";

  test("a flipped byte in a compressed layer: the blob does not hash to its name and the layer does not check out", async () => {
    const tampered = await rewriteTar(archive, flipByte(layer2, 1_000_000));
    const report = await inspectBytes(pool(), tampered);
    assert.equal(report.verdict, "tampered");
    const [blob] = only(report, "blob-digest-mismatch");
    assert.deepEqual(blob && { ...blob, message: undefined }, {
      code: "blob-digest-mismatch",
      path: layer2,
      expected: "sha256:cd10641f9d17f107eea7098026b2f15f5f83463d8463140b55f370fb0206c39f",
      found: sha256(await entryData(tampered, layer2)),
      message: undefined,
    });
    // Deflate's CRC catches the flip, or (in a stored block) the diffId does.
    const layerProblems = report.problems.filter((p) => p.code === "corrupt-layer" || p.code === "diffid-mismatch");
    assert.equal(layerProblems.length, 1);
    assert.equal(layerProblems[0]?.layerIndex, 1);
    assert.equal(report.images[0]?.layers[1]?.status, "mismatch");
  });

  test("an edited config: the config blob does not hash to its name", async () => {
    const tampered = await rewriteTar(
      archive,
      editData(config, (bytes) =>
        new TextEncoder().encode(new TextDecoder().decode(bytes).replace('"fixture"', '"fixturX"')),
      ),
    );
    const report = await inspectBytes(pool(), tampered);
    const newId = sha256(await entryData(tampered, config));
    assert.equal(report.verdict, "tampered");
    assert.equal(report.images[0]?.imageId, newId);
    assert.deepEqual(
      only(report, "blob-digest-mismatch").map((p) => p.code === "blob-digest-mismatch" && [p.path, p.found]),
      [[config, newId]],
    );
  });

  test("a renamed layer blob: the manifest's layer is missing and the renamed blob fails its name", async () => {
    const renamed = `blobs/sha256/${"0".repeat(64)}`;
    const report = await inspectBytes(pool(), await rewriteTar(archive, renameEntry(layer2, renamed)));
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(
      only(report, "missing-entry").map((p) => [p.code === "missing-entry" && p.path, p.layerIndex]),
      [[layer2, 1]],
    );
    assert.deepEqual(
      only(report, "blob-digest-mismatch").map((p) => p.code === "blob-digest-mismatch" && [p.path, p.found]),
      [[renamed, "sha256:cd10641f9d17f107eea7098026b2f15f5f83463d8463140b55f370fb0206c39f"]],
    );
    assert.equal(report.images[0]?.layers[1]?.status, "missing");
  });

  test("a dropped layer blob: missing-entry for layer 2", async () => {
    const report = await inspectBytes(pool(), await rewriteTar(archive, dropEntry(layer2)));
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(
      report.problems.map((p) => [p.code, p.layerIndex]),
      [["missing-entry", 1]],
    );
  });
});

describe("OCI layout + manifest.json (ctr export, docker save ≥ 25)", () => {
  const pool = hashPoolForSuite();

  test("a flipped byte in an uncompressed layer: one diffid-mismatch (both views agree) and the blob fails its name", async () => {
    const archive = fixture("containerd-export.tar");
    const layer2 = "blobs/sha256/ab54cdcbcd5198522b7754a1a966c091e72587cfb7f5d3a526a8e8463b161734";
    const tampered = await rewriteTar(archive, flipByte(layer2, 4096));
    const found = sha256(await entryData(tampered, layer2));
    const report = await inspectBytes(pool(), tampered);
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(
      report.problems
        .map((p) => [p.code, p.code === "diffid-mismatch" || p.code === "blob-digest-mismatch" ? p.found : null])
        .sort(),
      [
        ["blob-digest-mismatch", found],
        ["diffid-mismatch", found],
      ],
    );
  });

  test("docker26: a dropped config is missing for both views, and the image has no imageId", async () => {
    const archive = fixture("docker26-save.tar");
    const config = "blobs/sha256/d24a0392070e1c8ea942384183e03ed03dccfc1cdd40704f2c02110f1d2dc5ae";
    const report = await inspectBytes(pool(), await rewriteTar(archive, dropEntry(config)));
    assert.equal(report.verdict, "tampered");
    assert.ok(report.problems.every((p) => p.code === "missing-entry" && p.path === config));
    assert.equal(report.images.length, 1, "both views describe one image");
    assert.equal(report.images[0]?.imageId, null);
  });
});

describe("multi-image and multi-platform archives", () => {
  const pool = hashPoolForSuite();

  test("a flip in a layer two images share is reported for both images", async () => {
    const archive = fixture("docker20-save-two-images.tar");
    const manifest = JSON.parse(new TextDecoder().decode(await entryData(archive, "manifest.json"))) as {
      Layers: string[];
    }[];
    const shared = itemAt(itemAt(manifest, 0).Layers, 0);
    assert.equal(manifest[1]?.Layers[0], shared, "test setup: the first layer is shared");
    const report = await inspectBytes(pool(), await rewriteTar(archive, flipByte(shared, 600)));
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(
      only(report, "diffid-mismatch").map((p) => [p.layerIndex, p.code === "diffid-mismatch" && p.path]),
      [
        [0, shared],
        [0, shared],
      ],
    );
    assert.equal(new Set(only(report, "diffid-mismatch").map((p) => p.imageId)).size, 2);
  });

  test("podman docker-archive: a flip in <diffId>.tar is caught through the manifest's path", async () => {
    const archive = fixture("podman-save-docker-archive.tar");
    const manifest = JSON.parse(new TextDecoder().decode(await entryData(archive, "manifest.json"))) as {
      Layers: string[];
    }[];
    const layer = itemAt(itemAt(manifest, 0).Layers, 1);
    const report = await inspectBytes(pool(), await rewriteTar(archive, flipByte(layer, 700)));
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(
      report.problems.map((p) => [p.code, p.layerIndex]),
      [["diffid-mismatch", 1]],
    );
  });

  test("a nested index whose inner index blob is dropped is tampered, not a partial export", async () => {
    const archive = fixture("containerd-export-nested-index.tar");
    const inner = "blobs/sha256/49289bbdbfcf4101c14c94d4d0d59e1fad2d8a4b2eefc55a327fb6410f6e50e7";
    const report = await inspectBytes(pool(), await rewriteTar(archive, dropEntry(inner)));
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(
      report.problems.map((p) => [p.code, p.code === "missing-entry" && p.path]),
      [["missing-entry", inner]],
    );
  });

  test("a platform manifest dropped from an image index is noted as absent; the other platforms stay verified", async () => {
    const archive = fixture("podman-multiplatform-oci-archive.tar");
    const amd64Manifest = "blobs/sha256/9990e5091c0ce1d8af410667b6f6cb3ddee425daeb8e969fdfd6ff5c5d16e27e";
    const report = await inspectBytes(pool(), await rewriteTar(archive, dropEntry(amd64Manifest)));
    assert.equal(report.images.length, 2);
    assert.ok(report.images.every((image) => image.platform?.architecture !== "amd64"));
    assert.deepEqual(
      report.notes.map((n) => n.code),
      ["absent-platform"],
    );
    assert.equal(report.verdict, "intact");
  });

  test("a layer dropped from a present platform is tampered", async () => {
    const archive = fixture("podman-multiplatform-oci-archive.tar");
    const arm64Layer = "blobs/sha256/7529e35c66a258171eb03c2bfc68b1ea233a7a5b53fad9b2703c3f236a8ae4e5";
    const report = await inspectBytes(pool(), await rewriteTar(archive, dropEntry(arm64Layer)));
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(
      report.problems.map((p) => [p.code, p.layerIndex, p.imageId]),
      [["missing-entry", 0, "sha256:93e08e13c70686ad98841ac419f1c044ff7e1c25dfef2d14c4736e749bcde424"]],
    );
  });
});
