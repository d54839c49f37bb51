// Layout cases no fixture covers, built blob by blob: Docker 25.0.0's mis-ordered
// manifest, one image under two tags, attestation manifests, platform claims that
// contradict the config, schema 1, foreign layers, other digest algorithms.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { type Digest, shortDigest } from "../digest.ts";
import { itemAt } from "../util/itemAt.ts";
import { hashPoolForSuite, inspectBytes } from "./hashPoolForTests.ts";
import { dockerArchive, imageConfig, layerTar, ociLayout, sha256 } from "./syntheticArchives.ts";
import { buildTar, type TarInput } from "./tarWriter.ts";

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const hex = (digest: Digest) => digest.slice(7);

/** An OCI layout assembled from blobs and an index.json the test writes itself. */
class LayoutBuilder {
  readonly entries: TarInput[] = [{ path: "oci-layout", data: encode({ imageLayoutVersion: "1.0.0" }) }];

  blob(bytes: Uint8Array): { digest: Digest; size: number } {
    const digest = sha256(bytes);
    if (!this.entries.some((e) => e.path === `blobs/sha256/${hex(digest)}`))
      this.entries.push({ path: `blobs/sha256/${hex(digest)}`, data: bytes });
    return { digest, size: bytes.length };
  }

  /** An image with uncompressed layers; `order` permutes the manifest's layer list. */
  image(
    layers: Uint8Array[],
    options: { order?: number[]; config?: Record<string, unknown>; layerMediaType?: string } = {},
  ) {
    const diffIds = layers.map((layer) => sha256(layer));
    const config = this.blob(imageConfig(diffIds, options.config));
    const layerDescriptors = layers.map((layer) => ({
      mediaType: options.layerMediaType ?? "application/vnd.oci.image.layer.v1.tar",
      ...this.blob(layer),
    }));
    const ordered = (options.order ?? layers.map((_, i) => i)).map((i) => layerDescriptors[i]);
    const manifest = this.blob(
      encode({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: { mediaType: "application/vnd.oci.image.config.v1+json", ...config },
        layers: ordered,
      }),
    );
    return { config, manifest, diffIds, layerDescriptors };
  }

  index(manifests: unknown[]): Uint8Array {
    this.entries.push({ path: "index.json", data: encode({ schemaVersion: 2, manifests }) });
    return buildTar(this.entries);
  }
}

const MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const layers = [layerTar("one", "1"), layerTar("two", "2")];

describe("layouts built blob by blob", () => {
  const pool = hashPoolForSuite();

  test("Docker 25.0.0's mis-ordered OCI manifest is a note when manifest.json's order checks out", async () => {
    const layout = new LayoutBuilder();
    const { config, manifest, diffIds } = layout.image(layers, { order: [1, 0] });
    layout.entries.push({
      path: "manifest.json",
      data: encode([
        {
          Config: `blobs/sha256/${hex(config.digest)}`,
          RepoTags: ["app:1"],
          Layers: diffIds.map((d) => `blobs/sha256/${hex(d)}`),
        },
      ]),
    });
    const report = await inspectBytes(pool(), layout.index([{ mediaType: MANIFEST, ...manifest }]));
    assert.equal(report.verdict, "intact");
    assert.deepEqual(
      report.notes.map((n) => n.code),
      ["manifest-layer-order"],
    );
    assert.deepEqual(
      report.images[0]?.layers.map((l) => [l.diffId, l.computed, l.status]),
      diffIds.map((d) => [d, d, "ok"]),
    );
    assert.equal(report.images[0]?.manifestDigest, manifest.digest);
  });

  test("…but without manifest.json to vouch for the order, it is two diffId mismatches", async () => {
    const layout = new LayoutBuilder();
    const { manifest } = layout.image(layers, { order: [1, 0] });
    const report = await inspectBytes(pool(), layout.index([{ mediaType: MANIFEST, ...manifest }]));
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(
      report.problems.map((p) => [p.code, p.layerIndex]),
      [
        ["diffid-mismatch", 0],
        ["diffid-mismatch", 1],
      ],
    );
  });

  test("one manifest under two tags is one image with both names", async () => {
    const layout = new LayoutBuilder();
    const { manifest } = layout.image(layers);
    const tag = (name: string) => ({
      mediaType: MANIFEST,
      ...manifest,
      annotations: { "org.opencontainers.image.ref.name": name },
    });
    const report = await inspectBytes(pool(), layout.index([tag("example.com/app:1"), tag("example.com/app:latest")]));
    assert.equal(report.images.length, 1);
    assert.deepEqual(report.images[0]?.names, ["example.com/app:1", "example.com/app:latest"]);
  });

  test("BuildKit attestation manifests in an index are skipped with a note, not reported as images", async () => {
    const layout = new LayoutBuilder();
    const { manifest } = layout.image(layers);
    const attestation = layout.blob(
      encode({
        schemaVersion: 2,
        config: { mediaType: "application/vnd.in-toto+json", digest: sha256("x"), size: 1 },
        layers: [],
      }),
    );
    const index = layout.blob(
      encode({
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.index.v1+json",
        manifests: [
          { mediaType: MANIFEST, ...manifest, platform: { os: "linux", architecture: "amd64" } },
          {
            mediaType: MANIFEST,
            ...attestation,
            platform: { os: "unknown", architecture: "unknown" },
            annotations: { "vnd.docker.reference.type": "attestation-manifest" },
          },
        ],
      }),
    );
    const report = await inspectBytes(
      pool(),
      layout.index([{ mediaType: "application/vnd.oci.image.index.v1+json", ...index }]),
    );
    assert.equal(report.verdict, "intact");
    assert.equal(report.images.length, 1);
    assert.equal(report.images[0]?.indexDigest, index.digest);
    assert.deepEqual(
      report.notes.map((n) => n.code),
      ["skipped-artifact"],
    );
  });

  test("in index.json itself an 'attestation' is still an image: containerd imports every named descriptor there", async () => {
    const layout = new LayoutBuilder();
    const { manifest } = layout.image(layers);
    const evil = layout.image([layerTar("evil.sh", "x")]).manifest;
    const named = (descriptor: { digest: Digest; size: number }, annotations: Record<string, string>) => ({
      mediaType: MANIFEST,
      ...descriptor,
      annotations: { "io.containerd.image.name": "docker.io/acme/api:1.0", ...annotations },
    });
    const report = await inspectBytes(
      pool(),
      layout.index([named(manifest, {}), named(evil, { "vnd.docker.reference.type": "attestation-manifest" })]),
    );
    assert.equal(report.images.length, 2);
    assert.deepEqual(
      report.notes.map((n) => n.code),
      [],
    );
  });

  test("an index that claims another platform than the config says is intact, with a note on that image", async () => {
    const layout = new LayoutBuilder();
    const { manifest } = layout.image(layers);
    const index = layout.blob(
      encode({
        schemaVersion: 2,
        manifests: [
          { mediaType: MANIFEST, ...manifest, platform: { os: "linux", architecture: "arm64", variant: "v8" } },
        ],
      }),
    );
    const report = await inspectBytes(
      pool(),
      layout.index([{ mediaType: "application/vnd.oci.image.index.v1+json", ...index }]),
    );
    assert.equal(report.verdict, "intact");
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.notes, [
      {
        code: "platform-claim-differs",
        message: `the index lists image ${shortDigest(report.images[0]?.imageId as Digest)} for linux/arm64/v8 but its config says linux/amd64: loaders that pick an image by platform would take it for linux/arm64/v8, and run what its config describes`,
        imageId: report.images[0]?.imageId,
      },
    ]);
    assert.deepEqual(report.images[0]?.platform, { os: "linux", architecture: "amd64" }, "the verified config wins");
  });

  test("an index whose platform claim agrees with the config (variant given on one side only) has no note", async () => {
    const layout = new LayoutBuilder();
    const { manifest } = layout.image(layers);
    const index = layout.blob(
      encode({
        schemaVersion: 2,
        manifests: [
          { mediaType: MANIFEST, ...manifest, platform: { os: "linux", architecture: "amd64", variant: "v3" } },
        ],
      }),
    );
    const report = await inspectBytes(
      pool(),
      layout.index([{ mediaType: "application/vnd.oci.image.index.v1+json", ...index }]),
    );
    assert.equal(report.verdict, "intact");
    assert.deepEqual(report.notes, []);
  });

  test("a descriptor whose size disagrees with the blob is tampered", async () => {
    const layout = new LayoutBuilder();
    const { manifest } = layout.image(layers);
    const report = await inspectBytes(
      pool(),
      layout.index([{ mediaType: MANIFEST, digest: manifest.digest, size: manifest.size + 1 }]),
    );
    assert.deepEqual(
      report.problems.map((p) => p.code),
      ["size-mismatch"],
    );
  });

  test("schema 1 manifests, foreign layers and sha512 digests are unsupported, each saying why", async () => {
    const schema1 = new LayoutBuilder();
    const old = schema1.blob(encode({ schemaVersion: 1, fsLayers: [] }));
    const r1 = await inspectBytes(
      pool(),
      schema1.index([{ mediaType: "application/vnd.docker.distribution.manifest.v1+prettyjws", ...old }]),
    );
    assert.deepEqual([r1.verdict, r1.problems.map((p) => p.code)], ["unsupported", ["unsupported-media-type"]]);

    const foreign = new LayoutBuilder();
    const diffIds = [sha256(itemAt(layers, 0))];
    const config = foreign.blob(imageConfig(diffIds));
    const manifest = foreign.blob(
      encode({
        schemaVersion: 2,
        config: { mediaType: "application/vnd.oci.image.config.v1+json", ...config },
        layers: [
          {
            mediaType: "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
            digest: sha256("windows base"),
            size: 100,
            urls: ["https://mcr.microsoft.com/x"],
          },
        ],
      }),
    );
    const r2 = await inspectBytes(pool(), foreign.index([{ mediaType: MANIFEST, ...manifest }]));
    assert.deepEqual(
      [r2.verdict, r2.problems.map((p) => p.code), r2.images[0]?.layers[0]?.status],
      ["unsupported", ["foreign-layer"], "missing"],
    );

    const sha512 = new LayoutBuilder();
    const r3 = await inspectBytes(
      pool(),
      sha512.index([{ mediaType: MANIFEST, digest: `sha512:${"a".repeat(128)}`, size: 1 }]),
    );
    assert.deepEqual([r3.verdict, r3.problems.map((p) => p.code)], ["unsupported", ["unsupported-digest"]]);
  });

  test("indexes nested deeper than the limit are refused", async () => {
    const layout = new LayoutBuilder();
    const { manifest } = layout.image(layers);
    let child: { digest: Digest; size: number; mediaType: string } = { mediaType: MANIFEST, ...manifest };
    for (let depth = 0; depth < 10; depth++) {
      child = {
        mediaType: "application/vnd.oci.image.index.v1+json",
        ...layout.blob(encode({ schemaVersion: 2, manifests: [child] })),
      };
    }
    const report = await inspectBytes(pool(), layout.index([child]));
    assert.deepEqual(
      report.problems.map((p) => [p.code, p.code === "invalid-metadata" && p.reason]),
      [["invalid-metadata", "indexes nest deeper than 8"]],
    );
  });

  test("a fan-out of repeated descriptors is walked once per blob, not once per path", async () => {
    const layout = new LayoutBuilder();
    const { manifest } = layout.image(layers);
    const inner = layout.blob(
      encode({
        schemaVersion: 2,
        manifests: Array.from({ length: 3000 }, () => ({ mediaType: MANIFEST, ...manifest })),
      }),
    );
    const outer = layout.blob(
      encode({
        schemaVersion: 2,
        manifests: Array.from({ length: 3000 }, () => ({
          mediaType: "application/vnd.oci.image.index.v1+json",
          ...inner,
        })),
      }),
    );
    const report = await inspectBytes(
      pool(),
      layout.index([{ mediaType: "application/vnd.oci.image.index.v1+json", ...outer }]),
    );
    assert.equal(report.verdict, "intact");
    assert.equal(report.images.length, 1);
    assert.deepEqual(report.images[0]?.indexChain, [outer.digest, inner.digest]);
  });

  test("a blob whose name is not a digest fails the blob check", async () => {
    const layout = new LayoutBuilder();
    const { manifest } = layout.image(layers);
    layout.entries.push({ path: "blobs/sha256/not-a-digest", data: "x" });
    const report = await inspectBytes(pool(), layout.index([{ mediaType: MANIFEST, ...manifest }]));
    assert.deepEqual(
      report.problems.map((p) => p.code),
      ["invalid-blob-name"],
    );
  });
});

describe("an image layout archived inside a folder", () => {
  const pool = hashPoolForSuite();
  const inFolder = (entries: readonly TarInput[], folder: string) =>
    entries.map((entry) => ({ ...entry, path: `${folder}/${entry.path}` }));

  test("an OCI layout under myimage/ is a plain file, with a note that names the folder and how to re-archive it", async () => {
    const bytes = buildTar(inFolder(ociLayout([layerTar("one", "1")]).entries, "myimage"));
    const report = await inspectBytes(pool(), bytes);
    assert.equal(report.format, "file");
    assert.equal(report.archiveDigest, sha256(bytes));
    assert.deepEqual(
      report.notes.map((n) => n.code),
      ["layout-in-folder"],
    );
    assert.match(report.notes[0]?.message ?? "", /inside the folder myimage\/.*tar -cf image\.tar -C myimage \./);
  });

  test("so is a docker-archive under a folder", async () => {
    const report = await inspectBytes(
      pool(),
      buildTar(inFolder(dockerArchive([layerTar("one", "1")]).entries, "saved")),
    );
    assert.equal(report.format, "file");
    assert.deepEqual(
      report.notes.map((n) => n.code),
      ["layout-in-folder"],
    );
  });

  test("a folder with a web app's manifest.json and nothing of Docker's is a plain file without a note", async () => {
    const report = await inspectBytes(
      pool(),
      buildTar([
        { path: "site/manifest.json", data: encode({ name: "app", icons: [] }) },
        { path: "site/index.html", data: encode("<html>") },
      ]),
    );
    assert.equal(report.format, "file");
    assert.deepEqual(report.notes, []);
  });
});
