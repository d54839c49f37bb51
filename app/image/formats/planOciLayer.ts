// One layer descriptor of an image manifest → the blob it names, or the problem why not.
import { problem } from "../problems.ts";
import type { Problem } from "../report.ts";
import type { ArchiveContents } from "./archiveContents.ts";
import { blobPath } from "./blobPath.ts";
import type { LayerPlan } from "./imagePlan.ts";
import type { Descriptor } from "./ociDocuments.ts";
import { lookupProblem } from "./readJson.ts";

export function planOciLayer(
  contents: ArchiveContents,
  descriptor: Descriptor,
  layerIndex: number,
  manifestPath: string,
  problems: Problem[],
): LayerPlan {
  const path = blobPath(descriptor.digest);
  const layer = `layer ${layerIndex + 1} of ${manifestPath}`;
  if (!descriptor.digest.startsWith("sha256:")) {
    problems.push(
      problem<"unsupported-digest">(
        { code: "unsupported-digest", path, digest: descriptor.digest, layerIndex },
        `${layer} uses a ${descriptor.digest.split(":")[0]} digest; only sha256 is verified`,
      ),
    );
    return { path, entry: null, descriptor };
  }
  const found = contents.table.lookup(path);
  if (found.ok) {
    if (found.entry.size !== descriptor.size) {
      problems.push(
        problem<"size-mismatch">(
          { code: "size-mismatch", path, expected: descriptor.size, found: found.entry.size, layerIndex },
          `${layer} (${path}) is ${found.entry.size} bytes but the manifest says ${descriptor.size}`,
        ),
      );
    }
    return { path, entry: found.entry, descriptor };
  }
  if (descriptor.urls.length > 0 && found.reason === "missing") {
    // Foreign (non-distributable) layers are fetched from their URLs, never saved.
    problems.push(
      problem<"foreign-layer">(
        { code: "foreign-layer", path, urls: descriptor.urls, layerIndex },
        `${layer} is a foreign layer fetched from ${descriptor.urls[0]}; it is not in the archive and cannot be checked`,
      ),
    );
    return { path, entry: null, descriptor };
  }
  problems.push({ ...lookupProblem(found, `${manifestPath} layers[${layerIndex}]`), layerIndex });
  return { path, entry: null, descriptor };
}
