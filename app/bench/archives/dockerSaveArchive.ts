// The layout `docker save` writes since Docker 25 (an OCI image layout plus the legacy
// manifest.json and repositories), for an image of N uncompressed layers of filler files:
//
//   blobs/  blobs/sha256/  blobs/sha256/<digest>… (layers, config, manifest; by digest)
//   index.json  manifest.json  oci-layout  repositories
//
// Digests are computed from the segments first (nothing is written), since each blob's
// tar header carries its own digest and the blobs are ordered by it.

import { itemAt } from "../../image/util/itemAt.ts";
import { noiseKey } from "./noise.ts";
import { jsonBytes, type Segment, sha256Of, tarDirectory, tarEnd, tarEntry, textBytes, totalSize } from "./segments.ts";

export interface ArchiveSpec {
  /** File name in the cache, without extension. */
  name: string;
  layers: number;
  /** Size of each layer blob (an uncompressed tar). */
  layerBytes: number;
}

interface ArchivePlan {
  spec: ArchiveSpec;
  segments: Segment[];
  size: number;
  imageId: string;
  diffIds: string[];
}

/** Files of this size fill a layer, as binaries and libraries do. */
const FILE_BYTES = 8 * 1024 * 1024;
const BLOCK = 512;

/** One layer: a tar of filler files whose total is exactly `layerBytes`. */
function layerSegments(spec: ArchiveSpec, index: number): Segment[] {
  const key = noiseKey(`${spec.name}/layer-${index}`);
  const segments: Segment[] = tarDirectory(`usr/lib/bench-${index}/`);
  let used = BLOCK + 2 * BLOCK; // the directory and the end-of-archive blocks
  for (let file = 0; used < spec.layerBytes; file++) {
    const room = spec.layerBytes - used - BLOCK;
    const size = Math.min(FILE_BYTES, room - (room % BLOCK));
    if (size <= 0) throw new Error(`layerBytes ${spec.layerBytes} leaves no room for a file`);
    segments.push(
      ...tarEntry(`usr/lib/bench-${index}/file-${String(file).padStart(4, "0")}.bin`, [
        { kind: "noise", key, offset: used, size },
      ]),
    );
    used += BLOCK + size;
  }
  segments.push(...tarEnd());
  return segments;
}

const blobEntry = (digest: string, content: Segment[]) =>
  tarEntry(`blobs/sha256/${digest.slice("sha256:".length)}`, content);

/** `knownDiffIds`: the layers' digests from an earlier plan, to skip hashing them again. */
export function planDockerSave(spec: ArchiveSpec, knownDiffIds?: readonly string[]): ArchivePlan {
  const repo = `bench/${spec.name}`;
  const layers = Array.from({ length: spec.layers }, (_, i) => layerSegments(spec, i));
  const diffIds = knownDiffIds?.length === spec.layers ? [...knownDiffIds] : layers.map(sha256Of);
  const config = jsonBytes({
    architecture: "amd64",
    os: "linux",
    created: "2026-01-01T00:00:00Z",
    config: {
      Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
      Labels: { "org.opencontainers.image.title": spec.name },
    },
    history: diffIds.map((_, i) => ({
      created: "2026-01-01T00:00:00Z",
      created_by: `COPY bench-${i} /usr/lib/bench-${i}/`,
    })),
    rootfs: { type: "layers", diff_ids: diffIds },
  });
  const imageId = sha256Of([config]);
  const layerDescriptors = layers.map((layer, i) => ({
    mediaType: "application/vnd.oci.image.layer.v1.tar",
    digest: itemAt(diffIds, i),
    size: totalSize(layer),
  }));
  const manifest = jsonBytes({
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: imageId, size: totalSize([config]) },
    layers: layerDescriptors,
  });
  const manifestDigest = sha256Of([manifest]);
  const blobs = [
    ...layers.map((layer, i) => ({ digest: itemAt(diffIds, i), content: layer })),
    { digest: imageId, content: [config] },
    { digest: manifestDigest, content: [manifest] },
  ].sort((a, b) => (a.digest < b.digest ? -1 : 1));
  const index = {
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.index.v1+json",
    manifests: [
      {
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        digest: manifestDigest,
        size: totalSize([manifest]),
        annotations: { "io.containerd.image.name": `docker.io/${repo}:1`, "org.opencontainers.image.ref.name": "1" },
      },
    ],
  };
  const dockerManifest = [
    {
      Config: `blobs/sha256/${imageId.slice(7)}`,
      RepoTags: [`${repo}:1`],
      Layers: diffIds.map((d) => `blobs/sha256/${d.slice(7)}`),
      LayerSources: Object.fromEntries(layerDescriptors.map((descriptor) => [descriptor.digest, descriptor])),
    },
  ];
  const segments = [
    ...tarDirectory("blobs/"),
    ...tarDirectory("blobs/sha256/"),
    ...blobs.flatMap(({ digest, content }) => blobEntry(digest, content)),
    ...tarEntry("index.json", [jsonBytes(index)]),
    ...tarEntry("manifest.json", [jsonBytes(dockerManifest)]),
    ...tarEntry("oci-layout", [textBytes('{"imageLayoutVersion": "1.0.0"}')]),
    ...tarEntry("repositories", [jsonBytes({ [repo]: { "1": imageId.slice(7) } })]),
    ...tarEnd(),
  ];
  return { spec, segments, size: totalSize(segments), imageId, diffIds };
}
