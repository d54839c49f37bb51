// inspectReference against a real registry holding the engine's fixtures (pushed by skopeo, as
// `docker push` would): identities equal to the fixtures' ground truth, and a registry made to
// lie (blobs swapped on its disk) caught with the engine's problem codes.
import assert from "node:assert/strict";
import { readFile, rename, writeFile } from "node:fs/promises";
import { after, before, describe, it } from "node:test";
import type { Digest } from "../image/digest.ts";
import { nodeSha256 } from "../image/hash/nodeSha256.ts";
import type { ArchiveReport, InspectProgress } from "../image/report.ts";
import { itemAt, present } from "../image/util/itemAt.ts";
import { type LocalRegistry, pushArchive, startLocalRegistry } from "../tools/localRegistry.ts";
import { RegistryClient } from "./client.ts";
import { RegistryError } from "./errors.ts";
import { inspectReference } from "./inspectReference.ts";
import { nodeRegistryHashTools } from "./nodeHashTools.ts";
import { parseImageReference } from "./reference.ts";
import { expectedImages, fixturePath } from "./test/fixtures.ts";

const SINGLE = expectedImages("docker20-save.tar");
const MULTI = expectedImages("podman-multiplatform-oci-archive.tar");

let registry: LocalRegistry;
const client = () => new RegistryClient({ sha256: nodeSha256, inBrowser: false });
const ref = (text: string) => parseImageReference(`${registry.domain}/${text}`);
const inspect = (text: string, pull = false, onProgress?: (p: InspectProgress) => void) =>
  inspectReference(client(), ref(text), {
    pull,
    hashTools: nodeRegistryHashTools,
    ...(onProgress ? { onProgress } : {}),
  });
const codes = (report: ArchiveReport) => report.problems.map((p) => p.code);

/** The digest the registry names for a tag (its Docker-Content-Digest), asked without our client. */
async function registryDigest(path: string, tag: string): Promise<Digest> {
  const response = await fetch(`${registry.url}/v2/${path}/manifests/${tag}`, {
    method: "HEAD",
    headers: {
      accept:
        "application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json",
    },
  });
  return response.headers.get("docker-content-digest") as Digest;
}

/** Makes the registry lose a blob (404) for the duration of `during`. */
async function lost<T>(digests: Digest[], during: () => Promise<T>): Promise<T> {
  for (const digest of digests) await rename(registry.blobPath(digest), `${registry.blobPath(digest)}.lost`);
  try {
    return await during();
  } finally {
    for (const digest of digests) await rename(`${registry.blobPath(digest)}.lost`, registry.blobPath(digest));
  }
}

/** Makes the registry serve `bytes` under `digest` for the duration of `during`. */
async function swapped<T>(digest: Digest, bytes: Uint8Array, during: () => Promise<T>): Promise<T> {
  const file = registry.blobPath(digest);
  const original = await readFile(file);
  await writeFile(file, bytes);
  try {
    return await during();
  } finally {
    await writeFile(file, original);
  }
}

before(async () => {
  registry = await startLocalRegistry({ mode: "open" });
  await pushArchive(registry, fixturePath("docker20-save.tar"), "fixture/multi:2.0");
  await pushArchive(registry, fixturePath("podman-multiplatform-oci-archive.tar"), "fixture/mp:1", {
    transport: "oci-archive",
    all: true,
  });
});
after(() => registry?.stop());

describe("inspectReference, without pulling", () => {
  it("reads a tag: the fixture's imageId and diffIds, the registry's manifest digest, layers not pulled", async () => {
    const report = await inspect("fixture/multi:2.0");
    const served = await registryDigest("fixture/multi", "2.0");
    assert.equal(report.verdict, "intact");
    assert.equal(report.format, "registry");
    assert.deepEqual(report.source, {
      reference: `${registry.domain}/fixture/multi:2.0`,
      repository: `${registry.domain}/fixture/multi`,
      digest: served,
    });
    assert.deepEqual(
      report.images.map((image) => [
        image.imageId,
        image.manifestDigest,
        image.layers.map((l) => [l.diffId, l.status, l.computed]),
      ]),
      SINGLE.map((image) => [image.imageId, served, image.diffIds.map((diffId) => [diffId, "not-pulled", null])]),
    );
    assert.deepEqual(report.images[0]?.names, []);
  });

  it("reads the same image by @digest", async () => {
    const served = await registryDigest("fixture/multi", "2.0");
    const report = await inspect(`fixture/multi@${served}`);
    assert.equal(report.verdict, "intact");
    assert.equal(report.source?.reference, `${registry.domain}/fixture/multi@${served}`);
    assert.deepEqual(
      report.images.map((image) => image.imageId),
      SINGLE.map((image) => image.imageId),
    );
  });

  it("reads a multi-platform index: one image per platform with the fixture's manifest and index digests", async () => {
    const report = await inspect("fixture/mp:1");
    const byId = (a: { imageId: string | null }, b: { imageId: string | null }) =>
      String(a.imageId).localeCompare(String(b.imageId));
    assert.equal(report.verdict, "intact");
    assert.equal(report.source?.digest, await registryDigest("fixture/mp", "1"));
    assert.deepEqual(
      report.images
        .map((i) => ({
          imageId: i.imageId,
          manifestDigest: i.manifestDigest,
          indexDigest: i.indexDigest,
          platform: i.platform,
        }))
        .sort(byId),
      MULTI.map((i) => ({
        imageId: i.imageId,
        manifestDigest: i.manifestDigest,
        indexDigest: i.indexDigest,
        platform: i.platform,
      })).sort(byId),
    );
    assert.equal(report.source?.digest, MULTI[0]?.indexDigest);
  });

  it("throws RegistryError not-found for a tag the repository does not have", async () => {
    await assert.rejects(
      inspect("fixture/multi:9.9"),
      (error: unknown) => error instanceof RegistryError && error.code === "not-found",
    );
  });
});

describe("inspectReference with pull", () => {
  it("streams every layer: stored and diff_id digests all check out, with progress to the end", async () => {
    const events: InspectProgress[] = [];
    const report = await inspect("fixture/multi:2.0", true, (p) => events.push(p));
    assert.equal(report.verdict, "intact");
    const layers = report.images[0]?.layers ?? [];
    assert.deepEqual(
      layers.map((l) => [l.status, l.computed, l.compression]),
      (SINGLE[0]?.diffIds ?? []).map((diffId) => ["ok", diffId, "gzip"]),
    );
    const total = layers.reduce((sum, l) => sum + (l.size ?? 0), 0);
    assert.deepEqual([events.at(-1)?.bytesDone, events.at(-1)?.bytesTotal], [total, total]);
  });

  it("gives the same answer with the portable hashing the page uses (hash-wasm, JS gunzip)", async () => {
    const portable = await inspectReference(new RegistryClient({ inBrowser: false }), ref("fixture/multi:2.0"), {
      pull: true,
    });
    assert.deepEqual(portable, await inspect("fixture/multi:2.0", true));
    assert.equal(portable.verdict, "intact");
  });

  it("pulls every platform of an index and finds each fixture diffId", async () => {
    const report = await inspect("fixture/mp:1", true);
    assert.equal(report.verdict, "intact");
    assert.deepEqual(
      report.images.flatMap((i) => i.layers.map((l) => l.computed)).sort(),
      MULTI.flatMap((i) => i.diffIds).sort(),
    );
  });
});

describe("inspectReference of a registry that serves other bytes", () => {
  it("a swapped config: blob-digest-mismatch, with the served config's digest as imageId", async () => {
    const imageId = SINGLE[0]?.imageId as Digest;
    const other = new TextEncoder().encode('{"rootfs":{"type":"layers","diff_ids":[]}}');
    const report = await swapped(imageId, other, () => inspect("fixture/multi:2.0"));
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(codes(report), ["blob-digest-mismatch"]);
    const [problem] = report.problems;
    assert.equal(problem?.code === "blob-digest-mismatch" && problem.expected, imageId);
    assert.equal(
      problem?.code === "blob-digest-mismatch" && problem.path,
      `${registry.domain}/fixture/multi@${imageId}`,
    );
    assert.notEqual(report.images[0]?.imageId, imageId);
  });

  it("a swapped manifest: blob-digest-mismatch under the digest the registry names, no image read", async () => {
    const served = await registryDigest("fixture/multi", "2.0");
    const otherManifest = MULTI[0]?.manifestDigest as Digest;
    const report = await swapped(served, await readFile(registry.blobPath(otherManifest)), () =>
      inspect("fixture/multi:2.0"),
    );
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(codes(report), ["blob-digest-mismatch"]);
    assert.equal(report.problems[0]?.code === "blob-digest-mismatch" && report.problems[0].found, otherManifest);
    assert.deepEqual(report.images, []);
    assert.equal(report.source?.digest, served);
  });

  it("a swapped platform manifest below an index: blob-digest-mismatch for that platform only", async () => {
    const [first, second] = MULTI as [(typeof MULTI)[0], (typeof MULTI)[0]];
    const report = await swapped(
      first.manifestDigest as Digest,
      await readFile(registry.blobPath(second.manifestDigest as Digest)),
      () => inspect("fixture/mp:1"),
    );
    assert.deepEqual(codes(report), ["blob-digest-mismatch"]);
    assert.deepEqual(
      report.images.map((i) => i.imageId).sort(),
      MULTI.slice(1)
        .map((i) => i.imageId)
        .sort(),
    );
  });

  it("a layer swapped for a smaller one, pulled: size, blob digest and diff_id all disagree", async () => {
    const [small, big] = SINGLE[0]?.diffIds ?? [];
    const manifest = await inspect("fixture/multi:2.0");
    const [smallLayer, bigLayer] = manifest.images[0]?.layers ?? [];
    const smallBlob = itemAt(present(smallLayer?.path, "the layer path").split("@"), 1) as Digest;
    const bigBlob = itemAt(present(bigLayer?.path, "the layer path").split("@"), 1) as Digest;
    const report = await swapped(bigBlob, await readFile(registry.blobPath(smallBlob)), () =>
      inspect("fixture/multi:2.0", true),
    );
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(codes(report), ["size-mismatch", "blob-digest-mismatch", "diffid-mismatch"]);
    const mismatch = report.problems.find((p) => p.code === "diffid-mismatch");
    assert.deepEqual(mismatch?.code === "diffid-mismatch" && [mismatch.expected, mismatch.found, mismatch.layerIndex], [
      big,
      small,
      1,
    ]);
    assert.deepEqual(
      report.images[0]?.layers.map((l) => l.status),
      ["ok", "mismatch"],
    );
  });

  it("a layer swapped for a bigger one, pulled: reading stops past the manifest's size (size-mismatch)", async () => {
    const manifest = await inspect("fixture/multi:2.0");
    const [smallLayer, bigLayer] = manifest.images[0]?.layers ?? [];
    const smallBlob = itemAt(present(smallLayer?.path, "the layer path").split("@"), 1) as Digest;
    const bigBlob = itemAt(present(bigLayer?.path, "the layer path").split("@"), 1) as Digest;
    const report = await swapped(smallBlob, await readFile(registry.blobPath(bigBlob)), () =>
      inspect("fixture/multi:2.0", true),
    );
    assert.deepEqual(codes(report), ["size-mismatch"]);
    const problem = report.problems[0];
    assert.ok(
      problem?.code === "size-mismatch" &&
        problem.expected === smallLayer?.size &&
        problem.found > problem.expected &&
        problem.found < (bigLayer?.size ?? 0),
    );
  });

  it("a layer with one byte flipped inside its gzip stream, pulled: blob-digest-mismatch and corrupt-layer (gzip checksum)", async () => {
    const manifest = await inspect("fixture/multi:2.0");
    const bigBlob = itemAt(present(manifest.images[0]?.layers[1]?.path, "the layer path").split("@"), 1) as Digest;
    const bytes = new Uint8Array(await readFile(registry.blobPath(bigBlob)));
    bytes[bytes.length >> 1] = itemAt(bytes, bytes.length >> 1) ^ 0xff;
    const report = await swapped(bigBlob, bytes, () => inspect("fixture/multi:2.0", true));
    assert.deepEqual(codes(report), ["blob-digest-mismatch", "corrupt-layer"]);
  });

  it("a platform manifest and a layer the registry lost: missing-entry for each, the rest still read", async () => {
    const [first, second, third] = MULTI as [(typeof MULTI)[0], (typeof MULTI)[0], (typeof MULTI)[0]];
    const lostLayer = itemAt(present(third.layerBlobDigests, "the layer blob digests"), 1);
    const report = await lost([second.manifestDigest as Digest, lostLayer], () => inspect("fixture/mp:1", true));
    assert.equal(report.verdict, "tampered");
    assert.deepEqual(
      report.problems.map((p) => [
        p.code,
        p.code === "missing-entry" && p.path,
        p.code === "missing-entry" && p.referencedBy,
      ]),
      [
        [
          "missing-entry",
          `${registry.domain}/fixture/mp@${second.manifestDigest}`,
          `${registry.domain}/fixture/mp@${first.indexDigest} manifests[1]`,
        ],
        [
          "missing-entry",
          `${registry.domain}/fixture/mp@${lostLayer}`,
          `${registry.domain}/fixture/mp@${third.manifestDigest} layers[1]`,
        ],
      ],
    );
    assert.deepEqual(
      report.images.map((i) => i.imageId),
      [first.imageId, third.imageId],
    );
  });

  it("without pull, a swapped layer goes unseen: the manifest and config still check out (what --pull is for)", async () => {
    const manifest = await inspect("fixture/multi:2.0");
    const bigBlob = itemAt(present(manifest.images[0]?.layers[1]?.path, "the layer path").split("@"), 1) as Digest;
    const report = await swapped(bigBlob, new Uint8Array(16), () => inspect("fixture/multi:2.0"));
    assert.equal(report.verdict, "intact");
  });
});
