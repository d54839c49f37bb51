// Test-only: small, valid image archives built from scratch (docker-archive and OCI
// layout), as TarInput lists a test can then break in exactly one way.
import { createHash } from "node:crypto";
import { gzipSync } from "node:zlib";
import type { Digest } from "../digest.ts";
import { itemAt } from "../util/itemAt.ts";
import { buildTar, type TarInput } from "./tarWriter.ts";

export const sha256 = (bytes: Uint8Array | string): Digest =>
  `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
const hex = (digest: Digest) => digest.slice("sha256:".length);
const json = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

/** A layer is itself a tar: one file with the given content. */
export function layerTar(name: string, content: string): Uint8Array {
  return buildTar([{ path: name, data: content }]);
}

interface SyntheticImage {
  entries: TarInput[];
  imageId: Digest;
  diffIds: Digest[];
  configPath: string;
  layerPaths: string[];
}

export function imageConfig(diffIds: readonly Digest[], extra: Record<string, unknown> = {}): Uint8Array {
  return json({
    architecture: "amd64",
    os: "linux",
    created: "2026-01-01T00:00:00Z",
    rootfs: { type: "layers", diff_ids: diffIds },
    ...extra,
  });
}

/** A docker-archive (legacy layout); `gzip` stores the layers compressed as crane's tarball does. */
export function dockerArchive(
  layers: readonly Uint8Array[],
  options: { gzip?: boolean; repoTags?: string[] } = {},
): SyntheticImage {
  const diffIds = layers.map((layer) => sha256(layer));
  const config = imageConfig(diffIds);
  const imageId = sha256(config);
  const configPath = `${hex(imageId)}.json`;
  const layerPaths = diffIds.map((diffId) => `${hex(diffId).slice(0, 12)}/layer.tar${options.gzip ? ".gz" : ""}`);
  const entries: TarInput[] = [
    ...layers.map((layer, i) => ({ path: itemAt(layerPaths, i), data: options.gzip ? gzipSync(layer) : layer })),
    { path: configPath, data: config },
    {
      path: "manifest.json",
      data: json([{ Config: configPath, RepoTags: options.repoTags ?? ["example/app:1"], Layers: layerPaths }]),
    },
    { path: "repositories", data: json({}) },
  ];
  return { entries, imageId, diffIds, configPath, layerPaths };
}

interface SyntheticOci extends SyntheticImage {
  manifestDigest: Digest;
  manifestPath: string;
}

/** An OCI layout with gzip layers, index.json → manifest. */
export function ociLayout(layers: readonly Uint8Array[], options: { refName?: string } = {}): SyntheticOci {
  const diffIds = layers.map((layer) => sha256(layer));
  const blobs = layers.map((layer) => gzipSync(layer));
  const config = imageConfig(diffIds);
  const imageId = sha256(config);
  const manifest = json({
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: imageId, size: config.length },
    layers: blobs.map((blob) => ({
      mediaType: "application/vnd.oci.image.layer.v1.tar+gzip",
      digest: sha256(blob),
      size: blob.length,
    })),
  });
  const manifestDigest = sha256(manifest);
  const index = json({
    schemaVersion: 2,
    manifests: [
      {
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        digest: manifestDigest,
        size: manifest.length,
        annotations: { "org.opencontainers.image.ref.name": options.refName ?? "example/app:1" },
      },
    ],
  });
  const blobPath = (digest: Digest) => `blobs/sha256/${hex(digest)}`;
  const layerPaths = blobs.map((blob) => blobPath(sha256(blob)));
  const entries: TarInput[] = [
    { path: "oci-layout", data: json({ imageLayoutVersion: "1.0.0" }) },
    { path: "index.json", data: index },
    { path: blobPath(manifestDigest), data: manifest },
    { path: blobPath(imageId), data: config },
    ...blobs.map((blob, i) => ({ path: itemAt(layerPaths, i), data: blob })),
  ];
  return {
    entries,
    imageId,
    diffIds,
    configPath: blobPath(imageId),
    layerPaths,
    manifestDigest,
    manifestPath: blobPath(manifestDigest),
  };
}
