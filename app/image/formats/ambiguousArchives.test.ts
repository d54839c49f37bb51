// JSON that Go's encoding/json reads otherwise, inside whole archives: the report says
// "ambiguous-archive" (tampered) with the construct and the document's path, never the
// image a JSON.parse reader would have seen.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { gzipSync } from "node:zlib";
import type { Digest } from "../digest.ts";
import type { ArchiveReport } from "../report.ts";
import { hashPoolForSuite, inspectBytes } from "../test/hashPoolForTests.ts";
import { dockerArchive, imageConfig, layerTar, sha256 } from "../test/syntheticArchives.ts";
import { buildTar, type TarInput } from "../test/tarWriter.ts";
import { itemAt } from "../util/itemAt.ts";

const layers = [layerTar("a.txt", "first layer"), layerTar("b.txt", "second layer")];
const hex = (digest: Digest) => digest.slice("sha256:".length);
const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
const OCI_LAYER = "application/vnd.oci.image.layer.v1.tar";

const summary = (report: ArchiveReport) => ({
  verdict: report.verdict,
  problems: report.problems.map((p) =>
    p.code === "ambiguous-archive"
      ? { code: p.code, construct: p.construct, path: p.path, message: p.message }
      : { code: p.code },
  ),
});

/** A docker-archive whose manifest.json is `text`, with a second ("evil") config beside the real one. */
function dockerWithManifest(
  text: (configPath: string, evilPath: string, layerPaths: string[]) => string,
  options: { marks?: boolean } = {},
): Uint8Array {
  const image = dockerArchive(layers);
  const evil = imageConfig([sha256(itemAt(layers, 1))], { config: { Cmd: ["/evil.sh"] } });
  const evilPath = `${hex(sha256(evil))}.json`;
  const entries = image.entries
    .filter((entry) => entry.path !== "manifest.json" && (options.marks !== false || entry.path !== "repositories"))
    .map((entry) =>
      options.marks === false && entry.path.endsWith("/layer.tar")
        ? { ...entry, path: entry.path.replace("/layer.tar", ".tar") }
        : entry,
    );
  const layerPaths =
    options.marks === false ? image.layerPaths.map((path) => path.replace("/layer.tar", ".tar")) : image.layerPaths;
  return buildTar([
    ...entries,
    { path: evilPath, data: evil },
    { path: "manifest.json", data: text(image.configPath, evilPath, layerPaths) },
  ]);
}

/** An OCI layout whose manifest blob is `manifest` (text), listed by index.json as an OCI manifest. */
function ociWithManifest(
  manifest: (config: string, layerDescriptors: string) => string,
  indexText?: (descriptor: string) => string,
): { archive: Uint8Array; manifestPath: string } {
  const config = imageConfig(layers.map((layer) => sha256(layer)));
  const configDescriptor = JSON.stringify({ mediaType: OCI_CONFIG, digest: sha256(config), size: config.length });
  const layerDescriptors = layers
    .map((layer) => JSON.stringify({ mediaType: OCI_LAYER, digest: sha256(layer), size: layer.length }))
    .join(",");
  const manifestBytes = new TextEncoder().encode(manifest(configDescriptor, layerDescriptors));
  const descriptor = JSON.stringify({
    mediaType: OCI_MANIFEST,
    digest: sha256(manifestBytes),
    size: manifestBytes.length,
  });
  const entries: TarInput[] = [
    { path: "oci-layout", data: '{"imageLayoutVersion":"1.0.0"}' },
    { path: "index.json", data: indexText ? indexText(descriptor) : `{"schemaVersion":2,"manifests":[${descriptor}]}` },
    { path: `blobs/sha256/${hex(sha256(manifestBytes))}`, data: manifestBytes },
    { path: `blobs/sha256/${hex(sha256(config))}`, data: config },
    ...layers.map((layer) => ({ path: `blobs/sha256/${hex(sha256(layer))}`, data: layer })),
  ];
  return { archive: buildTar(entries), manifestPath: `blobs/sha256/${hex(sha256(manifestBytes))}` };
}

describe("ambiguous JSON in archives", () => {
  const pool = hashPoolForSuite();

  test('manifest.json with "Config" and "config": tampered, naming the keys and which one Go reads', async () => {
    const archive = dockerWithManifest((config, evil, layerPaths) =>
      JSON.stringify([{ Config: config, RepoTags: ["example/app:1"], Layers: layerPaths }]).replace(
        /}]$/,
        `,"config":"${evil}"}]`,
      ),
    );
    assert.deepEqual(summary(await inspectBytes(pool(), archive)), {
      verdict: "tampered",
      problems: [
        {
          code: "ambiguous-archive",
          construct: "json",
          path: "manifest.json",
          message:
            'ambiguous archive: manifest.json: [0] has the keys "Config" and "config": Go\'s encoding/json matches keys to fields case-insensitively, so docker, containerd and containers/image read the last, "config"',
        },
      ],
    });
  });

  test('a lone lowercase "config" is read as Config, as docker reads it: intact', async () => {
    const plain = dockerArchive(layers);
    const archive = dockerWithManifest((config, _evil, layerPaths) =>
      JSON.stringify([{ config, RepoTags: ["example/app:1"], layers: layerPaths }]),
    );
    const report = await inspectBytes(pool(), archive);
    assert.deepEqual([report.verdict, report.images.map((image) => image.imageId)], ["intact", [plain.imageId]]);
  });

  test("manifest.json after a byte order mark: tampered, even without Docker's other marks, gzipped or not", async () => {
    for (const marks of [true, false]) {
      const archive = dockerWithManifest(
        (config, _evil, layerPaths) =>
          `\ufeff${JSON.stringify([{ Config: config, RepoTags: [], Layers: layerPaths }])}`,
        { marks },
      );
      for (const bytes of [archive, gzipSync(archive)]) {
        const report = await inspectBytes(pool(), bytes);
        assert.deepEqual(
          [report.format, summary(report).problems.map((p) => [p.code, "construct" in p ? p.construct : null])],
          ["docker-archive", [["ambiguous-archive", "json"]]],
          `marks: ${marks}, gzip: ${bytes !== archive}`,
        );
      }
    }
  });

  test("manifest.json followed by a second document: tampered (docker reads the first, skopeo refuses)", async () => {
    let second = -1;
    const archive = dockerWithManifest((config, evil, layerPaths) => {
      const first = JSON.stringify([{ Config: config, Layers: layerPaths }]);
      second = first.length + 1;
      return `${first}\n${JSON.stringify([{ Config: evil, Layers: layerPaths }])}`;
    });
    const report = await inspectBytes(pool(), archive);
    assert.deepEqual(
      report.problems.map((p) => p.message),
      [
        `ambiguous archive: manifest.json: has data after the JSON value, at character ${second}: docker's json.Decoder ignores it, json.Unmarshal (containers/image, containerd) refuses it`,
      ],
    );
  });

  test("an image manifest that also lists manifests: tampered, document-kind, at the manifest's path", async () => {
    const { archive, manifestPath } = ociWithManifest(
      (config, layerDescriptors) =>
        `{"schemaVersion":2,"mediaType":"${OCI_MANIFEST}","config":${config},"layers":[${layerDescriptors}],"manifests":[]}`,
    );
    assert.deepEqual(summary(await inspectBytes(pool(), archive)), {
      verdict: "tampered",
      problems: [
        {
          code: "ambiguous-archive",
          construct: "document-kind",
          path: manifestPath,
          message: `ambiguous archive: ${manifestPath}: the document is an image manifest by its descriptor's media type (${OCI_MANIFEST}) but an image index by its field manifests: containerd and containers/image refuse it, a reader that goes by one of them reads another image`,
        },
      ],
    });
  });

  test("an OCI manifest with LAYERS beside layers, and index.json with a key twice: tampered, json", async () => {
    const twice = ociWithManifest(
      (config, layerDescriptors) => `{"schemaVersion":2,"config":${config},"layers":[${layerDescriptors}],"LAYERS":[]}`,
    );
    assert.deepEqual(
      summary(await inspectBytes(pool(), twice.archive)).problems.map((p) => [p.code, "path" in p ? p.path : null]),
      [["ambiguous-archive", twice.manifestPath]],
    );
    const index = ociWithManifest(
      (config, layerDescriptors) => `{"schemaVersion":2,"config":${config},"layers":[${layerDescriptors}]}`,
      (descriptor) => `{"schemaVersion":2,"manifests":[${descriptor}],"manifests":[]}`,
    );
    assert.deepEqual(
      summary(await inspectBytes(pool(), index.archive)).problems.map((p) => [p.code, "path" in p ? p.path : null]),
      [["ambiguous-archive", "index.json"]],
    );
  });
});
