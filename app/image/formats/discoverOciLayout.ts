// Images reachable from an OCI layout's index.json: index.json → (nested image indexes)
// → manifest → config and layers, all by digest under blobs/sha256/. Platforms an index
// names but the archive does not carry (docker save from the containerd store keeps
// only local platforms) are noted, not treated as tampering.
import { MAX_INDEX_DEPTH } from "../limits.ts";
import { problem } from "../problems.ts";
import type { ArchiveContents } from "./archiveContents.ts";
import { blobPath } from "./blobPath.ts";
import { blobKind } from "./documentKind.ts";
import type { BlobRef, Discovery, ImagePlan } from "./imagePlan.ts";
import { MANIFEST_MEDIA_TYPES, REFERENCE_TYPE_ANNOTATION, SCHEMA1_MEDIA_TYPES } from "./mediaTypes.ts";
import { claimsFrom, mergeClaims } from "./ociClaims.ts";
import { type Descriptor, parseImageIndex, parseOciLayoutFile } from "./ociDocuments.ts";
import { type ManifestContext, planOciImage } from "./planOciImage.ts";
import { formatPlatform } from "./platform.ts";
import { problemFromMetadataError, readJson } from "./readJson.ts";

export const OCI_INDEX_PATH = "index.json";
export const OCI_LAYOUT_PATH = "oci-layout";

interface WalkContext extends ManifestContext {
  depth: number;
}

/** Why a descriptor cannot be followed, when it cannot. */
function unsupportedReason(descriptor: Descriptor): string | null {
  if (!descriptor.digest.startsWith("sha256:"))
    return `uses ${descriptor.digest.split(":")[0]} digests; only sha256 is verified`;
  if (SCHEMA1_MEDIA_TYPES.has(descriptor.mediaType)) return "is a Docker schema 1 manifest, which is not supported";
  return null;
}

/** Adds each plan once: a fan-out of repeated descriptors must not multiply the list. */
function addAll(into: ImagePlan[], plans: readonly ImagePlan[]): void {
  for (const plan of plans) if (!into.includes(plan)) into.push(plan);
}

class OciWalker {
  readonly discovery: Discovery = { images: [], problems: [], notes: [] };
  readonly #contents: ArchiveContents;
  /** Every blob already walked, with the images found beneath it (empty while still being walked). */
  readonly #reached = new Map<number, ImagePlan[]>();

  constructor(contents: ArchiveContents) {
    this.#contents = contents;
  }

  /** Walks one descriptor; returns the images beneath it. Each blob is read and walked once. */
  async walk(descriptor: Descriptor, context: WalkContext): Promise<ImagePlan[]> {
    const path = blobPath(descriptor.digest);
    const unsupported = unsupportedReason(descriptor);
    if (unsupported !== null) {
      const fields = descriptor.digest.startsWith("sha256:")
        ? problem<"unsupported-media-type">(
            { code: "unsupported-media-type", path, mediaType: descriptor.mediaType },
            `${context.origin} ${unsupported}`,
          )
        : problem<"unsupported-digest">(
            { code: "unsupported-digest", path, digest: descriptor.digest },
            `${context.origin} ${unsupported}`,
          );
      this.discovery.problems.push(fields);
      return [];
    }
    // Attestations hang below an image index. In index.json itself every descriptor is what
    // the loaders import (containerd makes an image of each named one, skopeo loads a sole
    // one), whatever its annotations say: it is checked as an image, never skipped.
    if (descriptor.annotations[REFERENCE_TYPE_ANNOTATION] !== undefined && context.indexes.length > 0) {
      this.discovery.notes.push({
        code: "skipped-artifact",
        message: `${context.origin}: ${descriptor.annotations[REFERENCE_TYPE_ANNOTATION]} ${descriptor.digest} is not an image`,
      });
      return [];
    }
    // Reached again (another tag, another index, or a cycle): add the names, never re-walk.
    const found = this.#contents.table.lookup(path);
    const known = found.ok ? this.#reached.get(found.entry.dataOffset) : undefined;
    if (known) {
      for (const plan of known) mergeClaims(plan.claims, context.claims);
      return known;
    }
    const read = await readJson(this.#contents, path, context.origin);
    if (!read.ok) {
      // An image index may list platform manifests that were never pulled: that is not
      // tampering. A missing index, or a manifest index.json itself names, is.
      if (read.missing && context.indexes.length > 0 && MANIFEST_MEDIA_TYPES.has(descriptor.mediaType)) {
        const platform = descriptor.platform ? formatPlatform(descriptor.platform) : "a manifest";
        this.discovery.notes.push({
          code: "absent-platform",
          message: `${context.origin} lists ${platform} (${descriptor.digest}) but the archive does not carry it`,
        });
      } else {
        this.discovery.problems.push(read.problem);
      }
      return [];
    }
    const reached: ImagePlan[] = [];
    this.#reached.set(read.entry.dataOffset, reached);
    if (read.entry.size !== descriptor.size) {
      this.discovery.problems.push(
        problem<"size-mismatch">(
          { code: "size-mismatch", path, expected: descriptor.size, found: read.entry.size },
          `${path} is ${read.entry.size} bytes but ${context.origin} says ${descriptor.size}`,
        ),
      );
    }
    const ref: BlobRef = { path, entry: read.entry, descriptor };
    try {
      // By the descriptor's media type, the document's own and its fields, which must agree.
      const kind = blobKind(read.value, path, descriptor.mediaType);
      if (kind === "index") addAll(reached, await this.#walkIndex(read.value, ref, context));
      else if (kind === "manifest") {
        const plan = await planOciImage(this.#contents, read.value, ref, context, this.discovery.notes);
        if (plan) {
          reached.push(plan);
          this.discovery.images.push(plan);
        }
      } else {
        this.discovery.problems.push(
          problem<"unsupported-media-type">(
            { code: "unsupported-media-type", path, mediaType: descriptor.mediaType },
            `${path} (${descriptor.mediaType || "no media type"}) is neither an image index nor a manifest`,
          ),
        );
      }
    } catch (error) {
      this.discovery.problems.push(problemFromMetadataError(error));
    }
    return reached;
  }

  async #walkIndex(value: unknown, ref: BlobRef, context: WalkContext): Promise<ImagePlan[]> {
    const index = parseImageIndex(value, ref.path, ref.descriptor.mediaType);
    if (context.depth >= MAX_INDEX_DEPTH) {
      this.discovery.problems.push(
        problem<"invalid-metadata">(
          { code: "invalid-metadata", path: ref.path, reason: `indexes nest deeper than ${MAX_INDEX_DEPTH}` },
          `${ref.path}: indexes nest deeper than ${MAX_INDEX_DEPTH}`,
        ),
      );
      return [];
    }
    const reached: ImagePlan[] = [];
    for (const [i, child] of index.manifests.entries()) {
      const childContext: WalkContext = {
        origin: `${ref.path} manifests[${i}]`,
        claims: context.claims,
        indexes: [...context.indexes, ref],
        depth: context.depth + 1,
      };
      const platform = child.platform ?? context.platform;
      if (platform) childContext.platform = platform;
      addAll(reached, await this.walk(child, childContext));
    }
    return reached;
  }
}

export async function discoverOciLayout(contents: ArchiveContents): Promise<Discovery> {
  const walker = new OciWalker(contents);
  const { discovery } = walker;
  if (contents.table.has(OCI_LAYOUT_PATH)) {
    const layout = await readJson(contents, OCI_LAYOUT_PATH, "the archive format");
    try {
      if (!layout.ok) discovery.problems.push(layout.problem);
      else parseOciLayoutFile(layout.value);
    } catch (error) {
      discovery.problems.push(problemFromMetadataError(error));
    }
  }
  const read = await readJson(contents, OCI_INDEX_PATH, "the archive format");
  if (!read.ok) {
    discovery.problems.push(read.problem);
    return discovery;
  }
  let manifests: Descriptor[];
  try {
    manifests = parseImageIndex(read.value, OCI_INDEX_PATH).manifests;
  } catch (error) {
    discovery.problems.push(problemFromMetadataError(error));
    return discovery;
  }
  for (const [i, descriptor] of manifests.entries()) {
    const context: WalkContext = {
      origin: `index.json manifests[${i}]`,
      claims: claimsFrom(descriptor.annotations),
      indexes: [],
      depth: 0,
    };
    if (descriptor.platform) context.platform = descriptor.platform;
    await walker.walk(descriptor, context);
  }
  if (discovery.images.length === 0 && discovery.problems.length === 0) {
    discovery.problems.push(
      problem<"no-images">(
        { code: "no-images", reason: "index.json leads to no image" },
        "index.json leads to no image in the archive",
      ),
    );
  }
  return discovery;
}
