import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AmbiguousJsonError } from "../errors.ts";
import { blobKind } from "./documentKind.ts";
import { parseImageIndex, parseImageManifest } from "./ociDocuments.ts";

const OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
const OCI_INDEX = "application/vnd.oci.image.index.v1+json";
const DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
const D1 = `sha256:${"a".repeat(64)}`;
const descriptor = { mediaType: OCI_MANIFEST, digest: D1, size: 1 };
const manifest = {
  schemaVersion: 2,
  mediaType: OCI_MANIFEST,
  config: { ...descriptor, mediaType: "application/vnd.oci.image.config.v1+json" },
  layers: [],
};
const index = { schemaVersion: 2, mediaType: OCI_INDEX, manifests: [descriptor] };

function kindAmbiguity(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof AmbiguousJsonError && error.construct === "document-kind") return error.reason;
    throw error;
  }
  return assert.fail("expected a document-kind ambiguity");
}

describe("document kind: by descriptor media type, own mediaType and fields, which must agree", () => {
  test("agreeing documents read as their kind, by whichever of the three is there", () => {
    assert.equal(blobKind(manifest, "b", OCI_MANIFEST), "manifest");
    assert.equal(blobKind(index, "b", OCI_INDEX), "index");
    assert.equal(blobKind({ ...manifest, mediaType: undefined }, "b", ""), "manifest");
    assert.equal(blobKind({ mediaType: OCI_INDEX }, "b", ""), "index");
    assert.equal(blobKind({ schemaVersion: 2 }, "b", ""), "other");
    assert.equal(
      blobKind("text", "b", OCI_MANIFEST),
      "manifest",
      "a non-object goes by its media type, and its parser refuses it",
    );
  });

  test("a manifest that also has manifests (any case, even null) is ambiguous", () => {
    assert.equal(
      kindAmbiguity(() => blobKind({ ...manifest, manifests: [descriptor] }, "b", OCI_MANIFEST)),
      "the document is an image manifest by its descriptor's media type (application/vnd.oci.image.manifest.v1+json) but an image index by its field manifests: containerd and containers/image refuse it, a reader that goes by one of them reads another image",
    );
    kindAmbiguity(() => blobKind({ ...manifest, Manifests: null }, "b", OCI_MANIFEST));
    kindAmbiguity(() => parseImageManifest({ ...manifest, MANIFESTS: [] }, "m", OCI_MANIFEST));
  });

  test("an index that also has config or layers is ambiguous, index.json included", () => {
    kindAmbiguity(() => blobKind({ ...index, layers: [] }, "b", OCI_INDEX));
    kindAmbiguity(() => blobKind({ ...index, Config: {} }, "b", ""));
    assert.equal(
      kindAmbiguity(() => parseImageIndex({ ...index, config: manifest.config }, "index.json")),
      "the document is an image index by its place but an image manifest by its fields config: containerd and containers/image refuse it, a reader that goes by one of them reads another image",
    );
  });

  test("a mediaType that contradicts the descriptor's, or the document's fields, is ambiguous", () => {
    assert.equal(
      kindAmbiguity(() => blobKind({ ...manifest, mediaType: OCI_INDEX }, "b", OCI_MANIFEST)),
      "the document says its mediaType is application/vnd.oci.image.index.v1+json but its descriptor says application/vnd.oci.image.manifest.v1+json: loaders that go by one or the other read different documents",
    );
    kindAmbiguity(() => blobKind({ ...manifest, mediaType: DOCKER_MANIFEST }, "b", OCI_MANIFEST));
    kindAmbiguity(() => blobKind({ ...manifest, mediaType: OCI_INDEX }, "b", ""));
    kindAmbiguity(() => parseImageIndex({ ...index, mediaType: OCI_MANIFEST }, "index.json"));
  });

  test("Docker schema 1 fields in a v2 document are ambiguous", () => {
    assert.equal(
      kindAmbiguity(() => blobKind({ ...manifest, fsLayers: [] }, "b", OCI_MANIFEST)),
      "the document is an image manifest with the Docker schema 1 field fsLayers: containerd and containers/image refuse it",
    );
    kindAmbiguity(() => blobKind({ ...index, History: [] }, "b", OCI_INDEX));
    assert.equal(
      blobKind({ fsLayers: [], history: [] }, "b", ""),
      "other",
      "a bare schema 1 document is no v2 kind at all",
    );
  });
});
