// An image manifest blob → the image's plan: config, layers, and the claims and
// platform inherited from the indexes above it. Returns null for artifacts that are not
// images (their config is not an image config).
import { problem } from "../problems.ts";
import type { ImageClaims, Note, Platform, Problem } from "../report.ts";
import type { ArchiveContents } from "./archiveContents.ts";
import { blobPath } from "./blobPath.ts";
import type { BlobRef, ImagePlan } from "./imagePlan.ts";
import { IMAGE_CONFIG_MEDIA_TYPES } from "./mediaTypes.ts";
import { copyClaims } from "./ociClaims.ts";
import { parseImageManifest } from "./ociDocuments.ts";
import { planOciLayer } from "./planOciLayer.ts";
import { type ConfigRead, readConfig } from "./readConfig.ts";

export interface ManifestContext {
  origin: string;
  claims: ImageClaims;
  platform?: Platform;
  indexes: BlobRef[];
}

export async function planOciImage(
  contents: ArchiveContents,
  value: unknown,
  manifest: BlobRef,
  context: ManifestContext,
  notes: Note[],
): Promise<ImagePlan | null> {
  const parsed = parseImageManifest(value, manifest.path, manifest.descriptor.mediaType);
  const configMediaType = parsed.config.mediaType;
  if (configMediaType !== "" && !IMAGE_CONFIG_MEDIA_TYPES.has(configMediaType)) {
    notes.push({
      code: "skipped-artifact",
      message: `${manifest.path} is an artifact (config ${configMediaType}), not an image`,
    });
    return null;
  }
  const problems: Problem[] = [];
  const configPath = blobPath(parsed.config.digest);
  const config: ConfigRead = parsed.config.digest.startsWith("sha256:")
    ? await readConfig(contents, configPath, `${manifest.path} config`)
    : {
        entry: null,
        config: null,
        problems: [
          problem<"unsupported-digest">(
            { code: "unsupported-digest", path: configPath, digest: parsed.config.digest },
            `${manifest.path}: config digest ${parsed.config.digest} is not sha256`,
          ),
        ],
      };
  problems.push(...config.problems);
  if (config.entry && config.entry.size !== parsed.config.size) {
    problems.push(
      problem<"size-mismatch">(
        { code: "size-mismatch", path: configPath, expected: parsed.config.size, found: config.entry.size },
        `${configPath} is ${config.entry.size} bytes but ${manifest.path} says ${parsed.config.size}`,
      ),
    );
  }
  const plan: ImagePlan = {
    view: "oci-index",
    origin: context.origin,
    configPath,
    configEntry: config.entry,
    config: config.config,
    manifest,
    indexes: context.indexes,
    claims: copyClaims(context.claims),
    layers: parsed.layers.map((descriptor, i) => planOciLayer(contents, descriptor, i, manifest.path, problems)),
    problems,
  };
  if (context.platform) plan.platformClaim = context.platform;
  return plan;
}
