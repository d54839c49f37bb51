// One image's report from its plan and the computed digests: the recomputed imageId,
// manifest and index digests, every layer's check, and the claims kept apart.
import { type Digest, digestFromHex, shortDigest } from "../digest.ts";
import type { ImagePlan } from "../formats/imagePlan.ts";
import { formatPlatform, platformsDisagree } from "../formats/platform.ts";
import { describeMismatch, problem } from "../problems.ts";
import type { ImageReport, Note, Platform, Problem } from "../report.ts";
import { itemAt } from "../util/itemAt.ts";
import { claimedNames } from "./claimedNames.ts";
import type { DigestsByEntry } from "./digestsByEntry.ts";
import { evaluateLayer } from "./evaluateLayer.ts";

export interface EvaluatedImage {
  plan: ImagePlan;
  image: ImageReport;
  problems: Problem[];
  /** Observations about this image that do not change the verdict. */
  notes: Note[];
}

/** Says which image, so it reads on its own where notes are listed apart from their image. */
function platformClaimMessage(imageId: Digest | null, claimed: Platform, config: Platform): string {
  const which = imageId ? `image ${shortDigest(imageId)}` : "an image without a config";
  return (
    `the index lists ${which} for ${formatPlatform(claimed)} but its config says ${formatPlatform(config)}: ` +
    `loaders that pick an image by platform would take it for ${formatPlatform(claimed)}, and run what its config describes`
  );
}

/** The digest a legacy config's file name states: `<hex>.json` (docker, podman, skopeo) or `sha256:<hex>` (crane). */
function digestNamedBy(path: string): Digest | null {
  const match = /(?:^|\/)(?:sha256:)?([a-f0-9]{64})(?:\.json)?$/.exec(path);
  return match?.[1] ? digestFromHex(match[1]) : null;
}

export function evaluateImage(plan: ImagePlan, digests: DigestsByEntry): EvaluatedImage {
  const imageId = plan.configEntry ? digests.of(plan.configEntry).digest : null;
  const problems: Problem[] = [...plan.problems];
  // Blobs under blobs/sha256 are checked against their names for every format; other config names are checked here.
  const named = plan.configEntry && !plan.configPath.startsWith("blobs/") ? digestNamedBy(plan.configPath) : null;
  if (named && imageId && named !== imageId) {
    problems.push(
      problem<"config-digest-mismatch">(
        { code: "config-digest-mismatch", path: plan.configPath, expected: named, found: imageId },
        describeMismatch(`the config ${plan.configPath} was edited: its name and its content disagree`, named, imageId),
      ),
    );
  }
  const diffIds = plan.config?.diffIds;
  if (diffIds && diffIds.length !== plan.layers.length) {
    problems.push(
      problem<"layer-count-mismatch">(
        { code: "layer-count-mismatch", declared: diffIds.length, found: plan.layers.length },
        `the config declares ${diffIds.length} layers but ${plan.origin} lists ${plan.layers.length}`,
      ),
    );
  }
  const layerCount = Math.max(diffIds?.length ?? 0, plan.layers.length);
  const layers = [];
  for (let i = 0; i < layerCount; i++) {
    const evaluated = evaluateLayer(i, plan.layers[i], diffIds?.[i] ?? null, plan.config !== null, digests);
    layers.push(evaluated.layer);
    problems.push(...evaluated.problems);
  }
  const platform = plan.config?.platform ?? plan.platformClaim;
  const notes: Note[] = [];
  // Not tampering: every loader reads these same bytes (the config wins, and the report shows its
  // platform). The claim only steers which image a platform-picking loader takes.
  if (plan.platformClaim && plan.config?.platform && platformsDisagree(plan.platformClaim, plan.config.platform)) {
    notes.push({
      code: "platform-claim-differs",
      message: platformClaimMessage(imageId, plan.platformClaim, plan.config.platform),
      imageId,
    });
  }
  const image: ImageReport = {
    imageId,
    configPath: plan.configEntry ? plan.configPath : null,
    claims: plan.claims,
    names: claimedNames(plan.claims),
    layers,
  };
  if (plan.config?.created !== undefined) image.created = plan.config.created;
  if (platform) image.platform = platform;
  if (plan.manifest) image.manifestDigest = digests.of(plan.manifest.entry).digest;
  if (plan.indexes.length > 0) {
    const chain = plan.indexes.map((index) => digests.of(index.entry).digest);
    // The index that lists the manifest is the image's multi-platform identity; outer ones only wrap it.
    image.indexDigest = itemAt(chain, chain.length - 1);
    image.indexChain = chain;
  }
  return { plan, image, problems: problems.map((p) => ({ ...p, imageId })), notes };
}
