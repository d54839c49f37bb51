// Every way the input can be broken gives a typed answer — an "unsupported" or "tampered"
// verdict that says what was wrong — and never a crash, a hang or unbounded memory.
import assert from "node:assert/strict";
import { closeSync, ftruncateSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import { inspectArchive } from "../inspectArchive.ts";
import type { ArchiveReport, Problem } from "../report.ts";
import { NodeFileSource } from "../source/nodeFileSource.ts";
import { itemAt } from "../util/itemAt.ts";
import { hashPoolForSuite, inspectBytes } from "./hashPoolForTests.ts";
import { addEntry, dropEntry, editData, renameEntry, type TarEdit } from "./rewriteTar.ts";
import { dockerArchive, imageConfig, layerTar, ociLayout, sha256 } from "./syntheticArchives.ts";
import { buildTar, headerBlock, sealChecksum, type TarInput } from "./tarWriter.ts";

const layers = [layerTar("a.txt", "first layer"), layerTar("b.txt", "second layer")];
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/${name}`, import.meta.url)));
const codes = (report: ArchiveReport) => report.problems.map((p) => p.code);
const withoutMessages = (problems: Problem[]) => problems.map(({ message: _, ...rest }) => rest);

function edited(entries: TarInput[], ...edits: TarEdit[]): Uint8Array {
  let result = entries;
  for (const edit of edits) result = edit(result);
  return buildTar(result);
}

describe("bad input", () => {
  const pool = hashPoolForSuite();
  const temp = mkdtempSync(join(tmpdir(), "imageseal-bad-"));
  after(() => rmSync(temp, { recursive: true, force: true }));

  test("an empty file is unsupported: empty-input", async () => {
    const report = await inspectBytes(pool(), new Uint8Array(0), { archiveDigest: true });
    assert.equal(report.verdict, "unsupported");
    assert.deepEqual(codes(report), ["empty-input"]);
    assert.equal(report.archiveDigest, sha256(""));
  });

  test("a file that is no archive is a plain file identified by its sha256", async () => {
    const bytes = new TextEncoder().encode("just some text, not a tar\n".repeat(100));
    const report = await inspectBytes(pool(), bytes);
    assert.deepEqual(
      { format: report.format, verdict: report.verdict, archiveDigest: report.archiveDigest },
      { format: "file", verdict: "intact", archiveDigest: sha256(bytes) },
    );
  });

  test("a tar that holds no image is a plain file too; so is a gzip of text", async () => {
    const tar = buildTar([
      { path: "docs/readme.txt", data: "hello" },
      { path: "manifest.json", data: '{"name":"a web app"}' },
    ]);
    assert.deepEqual(
      [(await inspectBytes(pool(), tar)).format, (await inspectBytes(pool(), tar)).archiveDigest],
      ["file", sha256(tar)],
    );
    const gz = gzipSync("plain text");
    const report = await inspectBytes(pool(), gz);
    assert.deepEqual([report.format, report.compression, report.archiveDigest], ["file", "gzip", sha256(gz)]);
  });

  test("a zstd-compressed archive is not opened: a plain file with a note saying so", async () => {
    const bytes = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3, 4]);
    const report = await inspectBytes(pool(), bytes);
    assert.deepEqual(
      [report.format, report.compression, report.notes.map((n) => n.code)],
      ["file", "zstd", ["archive-not-inspected"]],
    );
  });

  test("a truncated tar (cut inside a layer) is unreadable, with the offset", async () => {
    const whole = fixture("docker20-save.tar");
    const report = await inspectBytes(pool(), whole.subarray(0, 1_000_000));
    assert.equal(report.verdict, "unsupported");
    assert.deepEqual(codes(report), ["unreadable-archive"]);
    assert.match(report.problems[0]?.message ?? "", /archive ends/);
  });

  test("a tar cut inside a header block is unreadable", async () => {
    const tar = dockerArchive(layers);
    const bytes = buildTar(tar.entries);
    const report = await inspectBytes(pool(), bytes.subarray(0, 512 * 3 + 100));
    assert.deepEqual(codes(report), ["unreadable-archive"]);
  });

  test("a bad header checksum is unreadable, at the header's offset", async () => {
    const bytes = buildTar(dockerArchive(layers).entries);
    const second = 512 + Math.ceil((layers[0]?.length ?? 0) / 512) * 512;
    bytes[second + 10] = itemAt(bytes, second + 10) ^ 1;
    const report = await inspectBytes(pool(), bytes);
    assert.deepEqual(withoutMessages(report.problems), [
      { code: "unreadable-archive", reason: `tar header checksum does not match (at byte ${second})`, offset: second },
    ]);
  });

  test("an entry larger than the file is unreadable", async () => {
    const bytes = buildTar([{ path: "manifest.json", data: "[]", headerSize: 10 * 1024 ** 3 }], { end: false });
    const report = await inspectBytes(pool(), bytes);
    assert.deepEqual(codes(report), ["unreadable-archive"]);
    assert.match(report.problems[0]?.message ?? "", /claims 10737418240 bytes/);
  });

  test("a header after a single zero block is unreadable", async () => {
    const bytes = new Uint8Array([
      ...headerBlock("a", "0", 0),
      ...new Uint8Array(512),
      ...headerBlock("b", "0", 0),
      ...new Uint8Array(1024),
    ]);
    assert.deepEqual(codes(await inspectBytes(pool(), bytes)), ["unreadable-archive"]);
  });

  test("a corrupt gzip stream is unreadable, and so is a truncated one", async () => {
    const gz = fixture("docker20-save.tar.gz").slice();
    for (let i = 100_000; i < 100_064; i++) gz[i] = 0x55;
    const corrupt = await inspectBytes(pool(), gz);
    assert.deepEqual(
      [corrupt.compression, corrupt.verdict, codes(corrupt)],
      ["gzip", "unsupported", ["unreadable-archive"]],
    );
    assert.match(corrupt.problems[0]?.message ?? "", /gzip/);
    const truncated = await inspectBytes(pool(), fixture("docker20-save.tar.gz").subarray(0, 2_000_000));
    assert.deepEqual(codes(truncated), ["unreadable-archive"]);
  });

  test("a symlink loop is refused as a chain of links, not a hang", async () => {
    const image = dockerArchive(layers);
    const layer = itemAt(image.layerPaths, 1);
    const bytes = edited(
      image.entries,
      dropEntry(layer),
      addEntry({ path: layer, type: "2", linkTarget: "../loop/layer.tar" }),
      addEntry({ path: "loop/layer.tar", type: "2", linkTarget: `../${layer}` }),
    );
    const report = await inspectBytes(pool(), bytes);
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(
      report.problems.map((p) => [p.code, p.code === "ambiguous-archive" && p.construct, p.layerIndex]),
      [["ambiguous-archive", "link", 1]],
    );
    assert.match(
      report.problems[0]?.message ?? "",
      /chain of links: docker follows every hop, containers\/image and containerd only one/,
    );
    assert.equal(report.images[0]?.layers[1]?.status, "missing");
  });

  test("a link leading outside the archive is refused; an absolute one is ambiguous (docker reads it from the root, the others from the link's folder)", async () => {
    for (const [target, expected] of [
      ["../../../etc/passwd", ["bad-link", "outside-archive"]],
      ["/etc/passwd", ["ambiguous-archive", "link"]],
    ] as const) {
      const image = dockerArchive(layers);
      const layer = itemAt(image.layerPaths, 0);
      const report = await inspectBytes(
        pool(),
        edited(image.entries, dropEntry(layer), addEntry({ path: layer, type: "2", linkTarget: target })),
      );
      const described = report.problems.map((p) => [
        p.code,
        p.code === "bad-link" ? p.reason : p.code === "ambiguous-archive" ? p.construct : null,
      ]);
      assert.deepEqual(described, [expected], target);
    }
  });

  test("a hard link is refused as ambiguous: docker follows it, containers/image reads its empty data, containerd skips it", async () => {
    const image = dockerArchive(layers);
    const layer = itemAt(image.layerPaths, 0);
    const report = await inspectBytes(
      pool(),
      edited(image.entries, dropEntry(layer), addEntry({ path: layer, type: "1", linkTarget: "nowhere/layer.tar" })),
    );
    assert.deepEqual(
      report.problems.map((p) => [p.code, p.code === "ambiguous-archive" && p.construct]),
      [["ambiguous-archive", "link"]],
    );
  });

  test("entries that would land outside the archive (`..`, absolute) are unsafe paths", async () => {
    const image = dockerArchive(layers);
    const report = await inspectBytes(
      pool(),
      edited(
        image.entries,
        addEntry({ path: "../evil.sh", data: "x" }),
        addEntry({ path: "/etc/cron.d/evil", data: "x" }),
        addEntry({ path: "ok/../../also-evil", data: "x", longName: "pax" }),
      ),
    );
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(
      report.problems.map((p) => [p.code, p.code === "unsafe-path" && p.path]),
      [
        ["unsafe-path", "../evil.sh"],
        ["unsafe-path", "/etc/cron.d/evil"],
        ["unsafe-path", "ok/../../also-evil"],
      ],
    );
  });

  test("duplicate entries: the last one is checked (as tar extracts it) and the duplication is reported", async () => {
    const image = dockerArchive(layers);
    const layer = itemAt(image.layerPaths, 0);
    const report = await inspectBytes(
      pool(),
      edited(image.entries, addEntry({ path: layer, data: layerTar("a.txt", "swapped") })),
    );
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(codes(report).sort(), ["diffid-mismatch", "duplicate-entry"]);
  });

  test("a 100 MB manifest.json is refused by size, without reading it (plain and gzip)", async () => {
    const path = join(temp, "huge-manifest.tar");
    const size = 100 * 1024 * 1024;
    const fd = openSync(path, "w");
    writeSync(fd, headerBlock("manifest.json", "0", size));
    writeSync(fd, headerBlock("repositories", "0", 0), 0, 512, 512 + size);
    ftruncateSync(fd, 512 + size + 512 + 1024); // sparse zeros: data and end-of-archive
    closeSync(fd);
    const source = await NodeFileSource.open(path);
    try {
      const report = await inspectArchive(source, { hashPool: pool() });
      assert.deepEqual(withoutMessages(report.problems), [
        { code: "entry-too-large", path: "manifest.json", size, limit: 4 * 1024 * 1024 },
      ]);
      assert.equal(report.verdict, "unsupported");
    } finally {
      await source.close();
    }
    const gzReport = await inspectBytes(pool(), gzipSync(readFileSync(path)));
    assert.deepEqual(codes(gzReport), ["entry-too-large"]);
  });

  test("JSON that is not what it claims is invalid metadata naming the field", async () => {
    const cases: [string, TarEdit, RegExp][] = [
      [
        "manifest.json is an object",
        editData("manifest.json", () => new TextEncoder().encode('{"Config":"x"}')),
        /the document is not an array/,
      ],
      [
        "Config is a number",
        editData("manifest.json", () => new TextEncoder().encode('[{"Config":5,"Layers":[]}]')),
        /\[0\]\.Config is not a string/,
      ],
      [
        "manifest.json is not JSON",
        editData("manifest.json", () => new TextEncoder().encode("[{oops")),
        /is not valid JSON/,
      ],
      [
        "manifest.json is not UTF-8",
        editData("manifest.json", () => new Uint8Array([0x5b, 0xff, 0xfe, 0x5d])),
        /is not UTF-8/,
      ],
    ];
    for (const [name, edit, message] of cases) {
      const report = await inspectBytes(pool(), edited(dockerArchive(layers).entries, edit));
      assert.deepEqual(codes(report), ["invalid-metadata"], name);
      assert.match(report.problems[0]?.message ?? "", message, name);
      assert.equal(report.verdict, "unsupported", name);
    }
  });

  test("a config whose diff_ids are not digests is invalid metadata; its imageId is still reported", async () => {
    const image = dockerArchive(layers);
    const badConfig = imageConfig(["sha256:nothex" as never]);
    const report = await inspectBytes(
      pool(),
      edited(
        image.entries,
        editData(image.configPath, () => badConfig),
      ),
    );
    assert.ok(codes(report).includes("invalid-metadata"));
    assert.equal(report.images[0]?.imageId, sha256(badConfig));
    assert.ok(report.images[0]?.layers.every((layer) => layer.status === "unsupported"));
  });

  test("a config whose diff_ids count differs from the layers: layer-count-mismatch", async () => {
    const image = dockerArchive(layers);
    const config = imageConfig([image.diffIds[0] as never]);
    const configPath = `${sha256(config).slice(7)}.json`;
    const manifest = JSON.stringify([{ Config: configPath, RepoTags: [], Layers: image.layerPaths }]);
    const report = await inspectBytes(
      pool(),
      edited(
        image.entries,
        renameEntry(image.configPath, configPath),
        editData(configPath, () => config),
        editData("manifest.json", () => new TextEncoder().encode(manifest)),
      ),
    );
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(withoutMessages(report.problems), [
      { code: "layer-count-mismatch", declared: 1, found: 2, imageId: sha256(config) },
    ]);
    assert.deepEqual(
      report.images[0]?.layers.map((l) => [l.diffId, l.status]),
      [
        [image.diffIds[0], "ok"],
        [null, "mismatch"],
      ],
    );
  });

  test("an index that lists itself is walked once: no loop, no image, and its name does not match its content", async () => {
    const oci = ociLayout(layers);
    const selfHex = "1".repeat(64);
    const selfIndex = JSON.stringify({
      schemaVersion: 2,
      manifests: [{ mediaType: "application/vnd.oci.image.index.v1+json", digest: `sha256:${selfHex}`, size: 0 }],
    });
    const index = JSON.stringify({
      schemaVersion: 2,
      manifests: [
        { mediaType: "application/vnd.oci.image.index.v1+json", digest: `sha256:${selfHex}`, size: selfIndex.length },
      ],
    });
    const bytes = edited(
      oci.entries,
      editData("index.json", () => new TextEncoder().encode(index)),
      addEntry({ path: `blobs/sha256/${selfHex}`, data: selfIndex }),
    );
    const report = await inspectBytes(pool(), bytes);
    assert.deepEqual(codes(report).sort(), ["blob-digest-mismatch", "no-images"]);
    assert.equal(report.verdict, "tampered");
  });

  test("a gzip layer that does not decompress is a corrupt layer", async () => {
    const oci = ociLayout(layers);
    const layer = itemAt(oci.layerPaths, 1);
    const broken = edited(
      oci.entries,
      editData(layer, (data) => data.subarray(0, data.length - 6)),
    );
    const report = await inspectBytes(pool(), broken);
    assert.ok(codes(report).includes("corrupt-layer"));
    assert.equal(report.verdict, "tampered");
  });

  test("a docker-archive with gzip layers (crane tarball) checks diffIds on the gunzipped stream", async () => {
    const image = dockerArchive(layers, { gzip: true });
    const report = await inspectBytes(pool(), buildTar(image.entries));
    assert.equal(report.verdict, "intact");
    assert.deepEqual(
      report.images[0]?.layers.map((l) => [l.computed, l.compression]),
      image.diffIds.map((d) => [d, "gzip"]),
    );
  });

  test("long names through pax and GNU records resolve like short ones", async () => {
    const image = dockerArchive(layers);
    const deep = `${"d".repeat(120)}/layer.tar`;
    const asPax: TarEdit = (entries) =>
      entries.map((entry) => (entry.path === deep ? { ...entry, longName: "pax" } : entry));
    const longPax = edited(
      image.entries,
      renameEntry(itemAt(image.layerPaths, 0), deep),
      asPax,
      editData("manifest.json", () =>
        new TextEncoder().encode(
          JSON.stringify([{ Config: image.configPath, RepoTags: [], Layers: [deep, image.layerPaths[1]] }]),
        ),
      ),
    );
    assert.equal((await inspectBytes(pool(), longPax)).verdict, "intact");
    const entries = image.entries.map((entry) => ({ ...entry, longName: "gnu" as const }));
    assert.equal((await inspectBytes(pool(), buildTar(entries))).verdict, "intact");
  });

  test("a manifest.json that is a directory is missing, not a crash", async () => {
    const image = dockerArchive(layers);
    const report = await inspectBytes(
      pool(),
      edited(image.entries, dropEntry("manifest.json"), addEntry({ path: "manifest.json", type: "5" })),
    );
    assert.equal(report.format, "docker-archive");
    assert.deepEqual(codes(report), ["missing-entry"]);
  });

  test("a header whose number fields are garbage is unreadable", async () => {
    const block = headerBlock("x", "0", 0);
    block.set(new TextEncoder().encode("9z"), 124);
    const report = await inspectBytes(pool(), new Uint8Array([...sealChecksum(block), ...new Uint8Array(1024)]));
    assert.deepEqual(codes(report), ["unreadable-archive"]);
  });
});
