// One layer's verdict: its uncompressed bytes against the diff_id the config declares,
// and its stored bytes against the digest and size the manifest declares.
import type { Digest } from "../digest.ts";
import type { LayerPlan } from "../formats/imagePlan.ts";
import { describeMismatch, problem } from "../problems.ts";
import type { LayerReport, Problem } from "../report.ts";
import type { DigestsByEntry } from "./digestsByEntry.ts";

interface EvaluatedLayer {
  layer: LayerReport;
  problems: Problem[];
}

export function evaluateLayer(
  index: number,
  plan: LayerPlan | undefined,
  diffId: Digest | null,
  hasConfig: boolean,
  digests: DigestsByEntry,
): EvaluatedLayer {
  const problems: Problem[] = [];
  const base = { index, diffId, mediaType: plan?.descriptor?.mediaType || null };
  if (!plan?.entry) {
    // The manifest lists fewer layers than the config, or the entry is missing: a problem says which.
    return {
      layer: { ...base, computed: null, status: "missing", path: plan?.path ?? null, size: null, compression: null },
      problems,
    };
  }
  const stored = digests.of(plan.entry);
  const layer: LayerReport = {
    ...base,
    computed: null,
    status: "ok",
    path: plan.path,
    size: stored.size,
    compression: stored.compression,
  };
  const name = `layer ${index + 1} (${plan.path})`;
  if (stored.compression !== "none") layer.blobDigest = stored.digest;
  if (stored.compression === "zstd" || stored.compression === "xz" || stored.compression === "bzip2") {
    layer.status = "unsupported";
    problems.push(
      problem<"unsupported-compression">(
        { code: "unsupported-compression", path: plan.path, compression: stored.compression, layerIndex: index },
        `${name} is ${stored.compression}-compressed; only gzip and uncompressed layers can be checked, so its diffId is unverified`,
      ),
    );
    return { layer, problems };
  }
  if (stored.compression === "gzip") {
    if (stored.uncompressedDigest === undefined) {
      layer.status = "mismatch";
      const reason = stored.decompressError ?? "no decompressed digest";
      problems.push(
        problem<"corrupt-layer">(
          { code: "corrupt-layer", path: plan.path, reason, layerIndex: index },
          `${name} does not decompress: ${reason}`,
        ),
      );
      return { layer, problems };
    }
    layer.computed = stored.uncompressedDigest;
  } else {
    layer.computed = stored.digest;
  }
  const descriptor = plan.descriptor;
  if (descriptor && (descriptor.digest !== stored.digest || descriptor.size !== stored.size)) layer.status = "mismatch";
  if (!hasConfig) {
    // Nothing to compare with: the config is missing or unreadable (a problem says which).
    if (layer.status === "ok") layer.status = "unsupported";
  } else if (diffId === null) {
    layer.status = "mismatch";
  } else if (diffId !== layer.computed) {
    layer.status = "mismatch";
    problems.push(
      problem<"diffid-mismatch">(
        { code: "diffid-mismatch", path: plan.path, expected: diffId, found: layer.computed, layerIndex: index },
        describeMismatch(`${name} does not match the config's diff_id`, diffId, layer.computed),
      ),
    );
  }
  return { layer, problems };
}
