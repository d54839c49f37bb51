import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { MetadataError } from "../errors.ts";
import { claimedNames } from "../verify/claimedNames.ts";
import { decodeJson } from "./decodeJson.ts";
import { parseDockerManifest } from "./dockerManifest.ts";
import { blobKind } from "./documentKind.ts";
import { parseImageConfig } from "./imageConfig.ts";
import { parseImageIndex, parseImageManifest } from "./ociDocuments.ts";

const D1 = `sha256:${"a".repeat(64)}`;
const D2 = `sha256:${"b".repeat(64)}`;

describe("manifest.json", () => {
  test("reads Config, RepoTags and Layers; RepoTags null means untagged", () => {
    assert.deepEqual(
      parseDockerManifest([
        { Config: "c.json", RepoTags: null, Layers: ["a/layer.tar"], Parent: "x", LayerSources: {} },
      ]),
      [{ config: "c.json", repoTags: [], layers: ["a/layer.tar"] }],
    );
  });

  test("names the field that is wrong", () => {
    assert.throws(() => parseDockerManifest([{ Config: "c", Layers: "a" }]), {
      name: "MetadataError",
      message: "manifest.json: [0].Layers is not an array",
    });
    assert.throws(
      () => parseDockerManifest([{ Config: "c", Layers: [], RepoTags: [1] }]),
      /\[0\]\.RepoTags\[0\] is not a string/,
    );
  });
});

describe("OCI index and manifest", () => {
  const descriptor = {
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    digest: D1,
    size: 10,
    platform: { os: "linux", architecture: "arm", variant: "v7" },
    annotations: { a: "b" },
  };

  test("descriptors with platform and annotations", () => {
    assert.deepEqual(parseImageIndex({ schemaVersion: 2, manifests: [descriptor] }, "index.json").manifests, [
      { ...descriptor, urls: [] },
    ]);
  });

  test("a manifest's config and layers", () => {
    const manifest = parseImageManifest(
      {
        schemaVersion: 2,
        config: { mediaType: "x", digest: D1, size: 1 },
        layers: [{ mediaType: "y", digest: D2, size: 2, urls: ["https://example.com"] }],
      },
      "m",
    );
    assert.deepEqual(manifest.layers[0]?.urls, ["https://example.com"]);
  });

  test("refuses what is not a v2 document or not a digest", () => {
    assert.throws(() => parseImageIndex({ schemaVersion: 1, manifests: [] }, "index.json"), /schemaVersion is not 2/);
    assert.throws(
      () => parseImageIndex({ schemaVersion: 2, manifests: [{ ...descriptor, digest: "sha256:ABC" }] }, "i"),
      /manifests\[0\]\.digest is not a/,
    );
    assert.throws(
      () => parseImageIndex({ schemaVersion: 2, manifests: [{ ...descriptor, size: -1 }] }, "i"),
      /size is not a byte size/,
    );
    assert.throws(() => parseImageManifest({ schemaVersion: 2, config: {}, layers: [] }, "m"), MetadataError);
  });

  test("other algorithms are accepted by the grammar (and refused later as unsupported)", () => {
    const sha512 = `sha512:${"c".repeat(128)}`;
    assert.equal(
      parseImageIndex({ schemaVersion: 2, manifests: [{ ...descriptor, digest: sha512 }] }, "i").manifests[0]?.digest,
      sha512,
    );
  });

  test("blobKind tells an index from a manifest by shape when the media type is missing", () => {
    assert.equal(blobKind({ manifests: [] }, "b", ""), "index");
    assert.equal(blobKind({ config: {}, layers: [] }, "b", ""), "manifest");
    assert.equal(blobKind([1], "b", ""), "other");
  });
});

describe("image config", () => {
  test("diff_ids, platform and created", () => {
    const config = parseImageConfig(
      {
        architecture: "arm64",
        os: "linux",
        variant: "v8",
        created: "2026-01-01T00:00:00Z",
        rootfs: { type: "layers", diff_ids: [D1, D2] },
      },
      "c",
    );
    assert.deepEqual(config, {
      diffIds: [D1, D2],
      platform: { os: "linux", architecture: "arm64", variant: "v8" },
      created: "2026-01-01T00:00:00Z",
    });
  });

  test("refuses a config that is not an image config", () => {
    assert.throws(
      () => parseImageConfig({ rootfs: { type: "other", diff_ids: [] } }, "c"),
      /rootfs.type is not "layers"/,
    );
    assert.throws(
      () => parseImageConfig({ rootfs: { type: "layers", diff_ids: ["sha256:12"] } }, "c"),
      /diff_ids\[0\] is not a sha256 digest/,
    );
    assert.throws(
      () => parseImageConfig({ mediaType: "application/vnd.in-toto+json" }, "c"),
      /rootfs is not an object/,
    );
  });
});

describe("decodeJson and claimed names", () => {
  test("refuses bytes that are not UTF-8 JSON", () => {
    assert.throws(() => decodeJson(new Uint8Array([0xc3, 0x28]), "x"), /is not UTF-8 text/);
    assert.throws(() => decodeJson(new TextEncoder().encode("{"), "x"), /is not valid JSON/);
  });

  test("names: containerd names and RepoTags, full ref names; a bare tag stays only a claim", () => {
    assert.deepEqual(
      claimedNames({
        repoTags: ["fixture/multi:2.0"],
        refNames: ["2.0", "localhost/x:1"],
        containerdNames: ["docker.io/fixture/multi:2.0", "fixture/multi:2.0"],
      }),
      ["docker.io/fixture/multi:2.0", "fixture/multi:2.0", "localhost/x:1"],
    );
  });
});
