// What inspectReference makes of documents a registry could serve: the engine's strict reader,
// its problem codes and notes, on an in-memory registry (test/fakeRegistry.ts).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import type { Digest } from "../image/digest.ts";
import { nodeSha256 } from "../image/hash/nodeSha256.ts";
import type { ArchiveReport } from "../image/report.ts";
import { RegistryClient } from "./client.ts";
import { inspectReference } from "./inspectReference.ts";
import { nodeRegistryHashTools } from "./nodeHashTools.ts";
import { parseImageReference } from "./reference.ts";
import { FakeRegistry, sha } from "./test/fakeRegistry.ts";

const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
const OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
const GZIP_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";

async function inspect(registry: FakeRegistry, tag: string, pull = false): Promise<ArchiveReport> {
  const client = new RegistryClient({ fetch: registry.fetch, sha256: nodeSha256, inBrowser: false });
  return inspectReference(client, parseImageReference(`${registry.domain}/${registry.path}:${tag}`), {
    pull,
    hashTools: nodeRegistryHashTools,
  });
}
const codes = (report: ArchiveReport) => report.problems.map((p) => p.code);

/** A one-layer image: its config (amd64 unless told) and a gzip layer of `content`. */
function image(registry: FakeRegistry, content = "layer bytes", platform = { os: "linux", architecture: "amd64" }) {
  const raw = new TextEncoder().encode(content);
  const layerBytes = gzipSync(raw);
  const layer = { mediaType: GZIP_LAYER, ...registry.blob(layerBytes) };
  const config = {
    mediaType: OCI_CONFIG,
    ...registry.blob({ ...platform, rootfs: { type: "layers", diff_ids: [sha(raw)] } }),
  };
  const manifest = { schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [layer] };
  return { manifest, config, layer, diffId: sha(raw), layerBytes };
}

describe("inspectReference on documents the registry serves", () => {
  it("reads an image: imageId = the config digest, manifestDigest = what the tag resolved to", async () => {
    const registry = new FakeRegistry();
    const { manifest, config, diffId } = image(registry);
    const { digest } = registry.manifest(manifest, OCI_MANIFEST, "1");
    const report = await inspect(registry, "1");
    assert.deepEqual(
      [
        report.verdict,
        report.source?.digest,
        report.images.map((i) => [i.imageId, i.manifestDigest, i.platform, i.layers[0]?.diffId]),
      ],
      ["intact", digest, [[config.digest, digest, { os: "linux", architecture: "amd64" }, diffId]]],
    );
  });

  it("refuses JSON that Go reads otherwise (a duplicate key) as ambiguous-archive", async () => {
    const registry = new FakeRegistry();
    const { manifest } = image(registry);
    const text = JSON.stringify(manifest).replace('"schemaVersion":2', '"schemaVersion":2,"schemaVersion":2');
    registry.manifest(text, OCI_MANIFEST, "1");
    const report = await inspect(registry, "1");
    assert.deepEqual(
      report.problems.map((p) => [p.code, p.code === "ambiguous-archive" && p.construct]),
      [["ambiguous-archive", "json"]],
    );
  });

  it("refuses a manifest served with an index Content-Type as ambiguous (document-kind)", async () => {
    const registry = new FakeRegistry();
    registry.manifest(image(registry).manifest, OCI_INDEX, "1");
    const report = await inspect(registry, "1");
    assert.deepEqual(
      report.problems.map((p) => [p.code, p.code === "ambiguous-archive" && p.construct]),
      [["ambiguous-archive", "document-kind"]],
    );
  });

  it("takes a Content-Type that names no kind (application/json) as no claim", async () => {
    const registry = new FakeRegistry();
    registry.manifest(image(registry).manifest, "application/json", "1");
    assert.equal((await inspect(registry, "1")).verdict, "intact");
  });

  it("reports a Docker schema 1 manifest as unsupported", async () => {
    const registry = new FakeRegistry();
    registry.manifest(
      { schemaVersion: 1, fsLayers: [] },
      "application/vnd.docker.distribution.manifest.v1+prettyjws",
      "1",
    );
    const report = await inspect(registry, "1");
    assert.deepEqual([report.verdict, codes(report)], ["unsupported", ["unsupported-media-type"]]);
  });

  it("walks an index: skips attestations (note), checks each child's size, notes a platform the config contradicts", async () => {
    const registry = new FakeRegistry();
    const amd = image(registry, "amd");
    const arm = image(registry, "arm", { os: "linux", architecture: "arm64" });
    const attestation = registry.manifest(
      { schemaVersion: 2, mediaType: OCI_MANIFEST, config: arm.config, layers: [] },
      OCI_MANIFEST,
    );
    const amdManifest = registry.manifest(amd.manifest, OCI_MANIFEST);
    const armManifest = registry.manifest(arm.manifest, OCI_MANIFEST);
    const index = registry.manifest(
      {
        schemaVersion: 2,
        mediaType: OCI_INDEX,
        manifests: [
          {
            mediaType: OCI_MANIFEST,
            ...amdManifest,
            size: amdManifest.size + 1,
            platform: { os: "linux", architecture: "amd64" },
          },
          { mediaType: OCI_MANIFEST, ...armManifest, platform: { os: "linux", architecture: "s390x" } },
          {
            mediaType: OCI_MANIFEST,
            ...attestation,
            platform: { os: "unknown", architecture: "unknown" },
            annotations: { "vnd.docker.reference.type": "attestation-manifest" },
          },
        ],
      },
      OCI_INDEX,
      "multi",
    );
    const report = await inspect(registry, "multi");
    assert.deepEqual(
      report.problems.map((p) => [p.code, p.code === "size-mismatch" && [p.expected, p.found]]),
      [["size-mismatch", [amdManifest.size + 1, amdManifest.size]]],
    );
    assert.deepEqual(
      report.notes.map((n) => n.code),
      ["skipped-artifact", "platform-claim-differs"],
    );
    assert.deepEqual(
      report.images.map((i) => [i.imageId, i.indexDigest, i.platform?.architecture]),
      [
        [amd.config.digest, index.digest, "amd64"],
        [arm.config.digest, index.digest, "arm64"],
      ],
    );
    assert.equal(registry.seen.includes(`GET manifests/${attestation.digest}`), false);
  });

  it("refuses indexes nested deeper than the engine follows (invalid-metadata)", async () => {
    const registry = new FakeRegistry();
    let child = { mediaType: OCI_MANIFEST, ...registry.manifest(image(registry).manifest, OCI_MANIFEST) };
    for (let depth = 0; depth < 9; depth++)
      child = {
        mediaType: OCI_INDEX,
        ...registry.manifest({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [child] }, OCI_INDEX),
      };
    registry.manifest({ schemaVersion: 2, mediaType: OCI_INDEX, manifests: [child] }, OCI_INDEX, "deep");
    const report = await inspect(registry, "deep");
    assert.deepEqual(
      report.problems.map((p) => [p.code, p.code === "invalid-metadata" && p.reason]),
      [["invalid-metadata", "indexes nest deeper than 8"]],
    );
  });

  it("notes an artifact (a config that is no image config) and finds no image", async () => {
    const registry = new FakeRegistry();
    const config = { mediaType: "application/vnd.imageseal.claims.v1+json", ...registry.blob("{}") };
    registry.manifest(
      { schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [] },
      OCI_MANIFEST,
      "imageseal-claim",
    );
    const report = await inspect(registry, "imageseal-claim");
    assert.deepEqual(
      [report.notes.map((n) => n.code), codes(report), report.verdict],
      [["skipped-artifact"], ["no-images"], "unsupported"],
    );
  });

  it("reports a config that declares more layers than the manifest lists (layer-count-mismatch, the extra one missing)", async () => {
    const registry = new FakeRegistry();
    const { manifest, diffId } = image(registry);
    const config = {
      mediaType: OCI_CONFIG,
      ...registry.blob({ os: "linux", architecture: "amd64", rootfs: { type: "layers", diff_ids: [diffId, diffId] } }),
    };
    registry.manifest({ ...manifest, config }, OCI_MANIFEST, "1");
    const report = await inspect(registry, "1");
    assert.deepEqual(
      [codes(report), report.images[0]?.layers.map((l) => l.status)],
      [["layer-count-mismatch"], ["not-pulled", "missing"]],
    );
  });

  it("reports a foreign layer as unsupported and does not fetch it", async () => {
    const registry = new FakeRegistry();
    const { manifest } = image(registry);
    const foreign = {
      ...manifest.layers[0],
      mediaType: "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
      urls: ["https://example.com/layer"],
    };
    registry.manifest({ ...manifest, layers: [foreign] }, OCI_MANIFEST, "1");
    const report = await inspect(registry, "1", true);
    assert.deepEqual(
      [codes(report), report.verdict, report.images[0]?.layers[0]?.status],
      [["foreign-layer"], "unsupported", "unsupported"],
    );
    assert.equal(
      registry.seen.some((s) => s.startsWith("GET blobs/") && s.endsWith(foreign.digest as string)),
      false,
    );
  });

  it("pulls an uncompressed layer (its stored digest is its diff_id) and a zstd one (unsupported-compression)", async () => {
    const registry = new FakeRegistry();
    const tar = new TextEncoder().encode("plain tar bytes");
    const zstd = new Uint8Array([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]);
    const plain = { mediaType: "application/vnd.oci.image.layer.v1.tar", ...registry.blob(tar) };
    const zst = { mediaType: "application/vnd.oci.image.layer.v1.tar+zstd", ...registry.blob(zstd) };
    const config = {
      mediaType: OCI_CONFIG,
      ...registry.blob({
        os: "linux",
        architecture: "amd64",
        rootfs: { type: "layers", diff_ids: [sha(tar), sha("whatever zstd holds")] },
      }),
    };
    registry.manifest({ schemaVersion: 2, mediaType: OCI_MANIFEST, config, layers: [plain, zst] }, OCI_MANIFEST, "1");
    const report = await inspect(registry, "1", true);
    assert.deepEqual(codes(report), ["unsupported-compression"]);
    assert.deepEqual(
      report.images[0]?.layers.map((l) => [l.status, l.compression, l.computed]),
      [
        ["ok", "none", sha(tar)],
        ["unsupported", "zstd", null],
      ],
    );
  });

  it("reports a config over 4 MiB as entry-too-large", async () => {
    const registry = new FakeRegistry();
    const { manifest } = image(registry);
    const huge = { mediaType: OCI_CONFIG, ...registry.blob(new Uint8Array(4 * 1024 * 1024 + 1)) };
    registry.manifest({ ...manifest, config: huge }, OCI_MANIFEST, "1");
    const report = await inspect(registry, "1");
    assert.deepEqual(
      report.problems.map((p) => [p.code, p.code === "entry-too-large" && p.size]),
      [["entry-too-large", huge.size]],
    );
    assert.equal(report.images[0]?.imageId, null);
  });

  it("throws not-found for a digest reference the registry does not have", async () => {
    const registry = new FakeRegistry();
    const missing: Digest = sha("nothing");
    const client = new RegistryClient({ fetch: registry.fetch, sha256: nodeSha256, inBrowser: false });
    await assert.rejects(
      inspectReference(client, parseImageReference(`${registry.domain}/${registry.path}@${missing}`)),
      (e: unknown) => (e as { code?: string }).code === "not-found",
    );
  });
});
