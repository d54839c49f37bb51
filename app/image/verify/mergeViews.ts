// An archive with both index.json and Docker's manifest.json describes the same images
// twice. The two views are checked independently, then merged by config entry: the
// index view keeps the digests and platforms, Docker's view adds its RepoTags.

import type { Note, Problem } from "../report.ts";
import { claimedNames } from "./claimedNames.ts";
import type { EvaluatedImage } from "./evaluateImage.ts";

interface MergedImages {
  images: EvaluatedImage[];
  notes: Note[];
}

function sameMultiset(a: readonly (string | null)[], b: readonly (string | null)[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}

/**
 * Docker Engine 25.0.0 wrote its synthesized OCI manifest's layers in the wrong order
 * (fixed in 25.0.1) while manifest.json stayed right. When Docker's view checks out and
 * the index view only differs by layer order, that known bug is noted, not called tampering.
 */
function isLayerOrderBug(oci: EvaluatedImage, docker: EvaluatedImage): boolean {
  const onlyDiffIdMismatches = oci.problems.length > 0 && oci.problems.every((p) => p.code === "diffid-mismatch");
  const computed = oci.image.layers.map((layer) => layer.computed);
  const declared = oci.image.layers.map((layer) => layer.diffId);
  return docker.problems.length === 0 && onlyDiffIdMismatches && sameMultiset(computed, declared);
}

export function mergeViews(evaluated: readonly EvaluatedImage[]): MergedImages {
  const notes: Note[] = [];
  const fromIndex = evaluated
    .filter((e) => e.plan.view === "oci-index")
    .map((e) => ({ ...e, problems: [...e.problems] }));
  const images: EvaluatedImage[] = [...fromIndex];
  for (const docker of evaluated.filter((e) => e.plan.view === "docker-manifest")) {
    // Same config entry, or (when it is missing) the same config path: blobs/sha256/<hex> in both views.
    const sameConfig = (oci: EvaluatedImage) =>
      docker.plan.configEntry
        ? oci.plan.configEntry?.dataOffset === docker.plan.configEntry.dataOffset
        : oci.plan.configPath === docker.plan.configPath;
    const twins = fromIndex.filter(sameConfig);
    if (twins.length === 0) {
      images.push(docker);
      continue;
    }
    for (const oci of twins) {
      for (const tag of docker.plan.claims.repoTags)
        if (!oci.image.claims.repoTags.includes(tag)) oci.image.claims.repoTags.push(tag);
      oci.image.names = claimedNames(oci.image.claims);
      if (isLayerOrderBug(oci, docker)) {
        notes.push({
          code: "manifest-layer-order",
          message: `${oci.plan.manifest?.path ?? oci.plan.origin} lists the layers out of order (a Docker 25.0.0 bug); manifest.json's order checks out`,
        });
        oci.problems = [];
        oci.image.layers = docker.image.layers;
      }
    }
    // Docker's view may find what the index view cannot see (a layer path that does not resolve…).
    const extra: Problem[] = docker.problems;
    twins[0]?.problems.push(...extra);
  }
  return { images, notes };
}
