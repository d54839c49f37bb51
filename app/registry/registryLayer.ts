// One layer of an image read from a registry → its LayerReport and problems: "not-pulled" when
// only the manifest was read (its digest binds the layer, the config binds its diff_id), else
// the engine's checks on the pulled bytes: stored digest and size against the descriptor,
// compression from the magic bytes, and the gunzipped digest against the config's diff_id.
import type { Digest } from "../image/digest.ts";
import type { Descriptor } from "../image/formats/ociDocuments.ts";
import { describeMismatch, problem } from "../image/problems.ts";
import type { LayerReport, Problem } from "../image/report.ts";
import type { PulledLayer } from "./pullLayer.ts";

interface RegistryLayerResult {
  layer: LayerReport;
  problems: Problem[];
}

/** `pulled`: undefined when layers were not pulled; null when the registry does not have the blob. */
export function registryLayer(
  index: number,
  descriptor: Descriptor | undefined,
  diffId: Digest | null,
  hasConfig: boolean,
  where: { manifestPath: string; path: (digest: string) => string },
  pulled: PulledLayer | null | undefined,
): RegistryLayerResult {
  const problems: Problem[] = [];
  if (descriptor === undefined) {
    // The config declares more layers than the manifest lists: layer-count-mismatch says so.
    return {
      layer: {
        index,
        diffId,
        computed: null,
        status: "missing",
        path: null,
        size: null,
        mediaType: null,
        compression: null,
      },
      problems,
    };
  }
  const layerPath = where.path(descriptor.digest);
  const name = `layer ${index + 1} (${layerPath})`;
  const layer: LayerReport = {
    index,
    diffId,
    computed: null,
    status: "not-pulled",
    path: layerPath,
    size: descriptor.size,
    mediaType: descriptor.mediaType || null,
    compression: null,
  };
  if (!descriptor.digest.startsWith("sha256:")) {
    layer.status = "unsupported";
    problems.push(
      problem<"unsupported-digest">(
        { code: "unsupported-digest", path: layerPath, digest: descriptor.digest, layerIndex: index },
        `${name} uses a ${descriptor.digest.split(":")[0]} digest; only sha256 is verified`,
      ),
    );
    return { layer, problems };
  }
  if (descriptor.urls.length > 0) {
    layer.status = "unsupported";
    problems.push(
      problem<"foreign-layer">(
        { code: "foreign-layer", path: layerPath, urls: descriptor.urls, layerIndex: index },
        `${name} is a foreign layer fetched from ${descriptor.urls[0]}; the registry does not serve it, so it cannot be checked`,
      ),
    );
    return { layer, problems };
  }
  if (pulled === undefined) return { layer, problems };
  if (pulled === null) {
    layer.status = "missing";
    layer.size = null;
    problems.push(
      problem<"missing-entry">(
        {
          code: "missing-entry",
          path: layerPath,
          referencedBy: `${where.manifestPath} layers[${index}]`,
          layerIndex: index,
        },
        `${name} is not in the registry (404)`,
      ),
    );
    return { layer, problems };
  }
  layer.status = "mismatch";
  if (pulled.kind === "too-long") {
    problems.push(
      problem<"size-mismatch">(
        { code: "size-mismatch", path: layerPath, expected: descriptor.size, found: pulled.read, layerIndex: index },
        `${name}: the registry sent more than the ${descriptor.size} bytes the manifest says; reading stopped at ${pulled.read}`,
      ),
    );
    return { layer, problems };
  }
  const stored = pulled.digests;
  layer.size = stored.size;
  layer.compression = stored.compression;
  if (stored.compression !== "none") layer.blobDigest = stored.digest;
  if (stored.size !== descriptor.size) {
    problems.push(
      problem<"size-mismatch">(
        { code: "size-mismatch", path: layerPath, expected: descriptor.size, found: stored.size, layerIndex: index },
        `${name} is ${stored.size} bytes but the manifest says ${descriptor.size}`,
      ),
    );
  }
  if (stored.digest !== descriptor.digest) {
    problems.push(
      problem<"blob-digest-mismatch">(
        {
          code: "blob-digest-mismatch",
          path: layerPath,
          expected: descriptor.digest as Digest,
          found: stored.digest,
          layerIndex: index,
        },
        describeMismatch(`the registry serves other bytes for ${name}`, descriptor.digest as Digest, stored.digest),
      ),
    );
  }
  if (stored.compression === "zstd" || stored.compression === "xz" || stored.compression === "bzip2") {
    layer.status = "unsupported";
    problems.push(
      problem<"unsupported-compression">(
        { code: "unsupported-compression", path: layerPath, compression: stored.compression, layerIndex: index },
        `${name} is ${stored.compression}-compressed; only gzip and uncompressed layers can be checked, so its diffId is unverified`,
      ),
    );
    return { layer, problems };
  }
  if (stored.compression === "gzip") {
    if (stored.uncompressedDigest === undefined) {
      const reason = stored.decompressError ?? "no decompressed digest";
      problems.push(
        problem<"corrupt-layer">(
          { code: "corrupt-layer", path: layerPath, reason, layerIndex: index },
          `${name} does not decompress: ${reason}`,
        ),
      );
      return { layer, problems };
    }
    layer.computed = stored.uncompressedDigest;
  } else {
    layer.computed = stored.digest;
  }
  const storedOk = stored.digest === descriptor.digest && stored.size === descriptor.size;
  if (!hasConfig) {
    // Nothing to compare with: the config is missing or unreadable (a problem says which).
    layer.status = storedOk ? "unsupported" : "mismatch";
  } else if (diffId !== null && diffId !== layer.computed) {
    problems.push(
      problem<"diffid-mismatch">(
        { code: "diffid-mismatch", path: layerPath, expected: diffId, found: layer.computed, layerIndex: index },
        describeMismatch(`${name} does not match the config's diff_id`, diffId, layer.computed),
      ),
    );
  } else if (diffId !== null && storedOk) {
    layer.status = "ok";
  }
  return { layer, problems };
}
