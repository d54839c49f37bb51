// What a registry says a reference is, before any layer is read: the manifest or index the
// reference resolves to, every platform manifest below an index (fetched by digest), and each
// image's config. Every document goes through the engine's strict reader (Go's encoding/json
// or ambiguous-archive, manifest/index kinds that must agree, the same structs) and is checked
// against the digest and size it was asked for; content that fails is a report problem with
// the engine's codes, never an exception. Only transport, auth and a missing reference throw.
import type { Digest } from "../image/digest.ts";
import { decodeJson } from "../image/formats/decodeJson.ts";
import { blobKind } from "../image/formats/documentKind.ts";
import { type ImageConfig, parseImageConfig } from "../image/formats/imageConfig.ts";
import {
  IMAGE_CONFIG_MEDIA_TYPES,
  INDEX_MEDIA_TYPES,
  MANIFEST_MEDIA_TYPES,
  REFERENCE_TYPE_ANNOTATION,
  SCHEMA1_MEDIA_TYPES,
} from "../image/formats/mediaTypes.ts";
import {
  type Descriptor,
  type ImageManifest,
  parseImageIndex,
  parseImageManifest,
} from "../image/formats/ociDocuments.ts";
import { formatPlatform } from "../image/formats/platform.ts";
import { problemFromMetadataError } from "../image/formats/readJson.ts";
import { MAX_INDEX_DEPTH, MAX_JSON_ENTRY_BYTES } from "../image/limits.ts";
import { describeMismatch, problem } from "../image/problems.ts";
import type { Note, Platform, Problem } from "../image/report.ts";
import type { FetchedManifest, RegistryClient } from "./client.ts";
import { RegistryError } from "./errors.ts";
import type { ImageReference } from "./reference.ts";

export interface RegistryImagePlan {
  manifestDigest: Digest;
  /** `<repository>@<digest>`: the path every problem about the manifest names. */
  manifestPath: string;
  manifest: ImageManifest;
  /** Index digests from the outermost to the one listing the manifest. */
  indexChain: Digest[];
  platformClaim?: Platform;
  /** sha256 of the config bytes served (the digest asked for, or what they hashed to instead). */
  imageId: Digest | null;
  configPath: string;
  config: ImageConfig | null;
  problems: Problem[];
}

interface Context {
  origin: string;
  indexes: Digest[];
  platform?: Platform;
}

/** The registry's Content-Type is a claim the reader checks, when it names a kind; anything else says nothing. */
function claimedType(mediaType: string): string {
  return INDEX_MEDIA_TYPES.has(mediaType) || MANIFEST_MEDIA_TYPES.has(mediaType) || SCHEMA1_MEDIA_TYPES.has(mediaType)
    ? mediaType
    : "";
}

export class RegistryWalker {
  readonly images: RegistryImagePlan[] = [];
  readonly problems: Problem[] = [];
  readonly notes: Note[] = [];
  /** Bytes of every manifest, index and config read. */
  bytes = 0;
  readonly #client: RegistryClient;
  readonly #reference: ImageReference;
  readonly #walked = new Set<Digest>();

  constructor(client: RegistryClient, reference: ImageReference) {
    this.#client = client;
    this.#reference = reference;
  }

  pathOf(digest: string): string {
    return `${this.#reference.repository}@${digest}`;
  }

  /** Reads what the reference resolves to; returns its digest (what the registry named, when the bytes disagree). */
  async walk(): Promise<Digest> {
    const ref = this.#reference;
    let fetched: FetchedManifest;
    try {
      fetched = await this.#client.getManifest(ref, ref.digest ?? (ref.tag as string));
    } catch (error) {
      if (!(error instanceof RegistryError) || error.code !== "digest-mismatch" || !error.expected || !error.found)
        throw error;
      this.problems.push(this.#mismatch(error.expected, error.found, `the manifest ${ref.name} resolves to`));
      return error.expected;
    }
    this.bytes += fetched.bytes.length;
    await this.#document(fetched, claimedType(fetched.mediaType), { origin: ref.name, indexes: [] });
    return fetched.digest;
  }

  #mismatch(expected: Digest, found: Digest, role: string, layerIndex?: number): Problem {
    return problem<"blob-digest-mismatch">(
      {
        code: "blob-digest-mismatch",
        path: this.pathOf(expected),
        expected,
        found,
        ...(layerIndex === undefined ? {} : { layerIndex }),
      },
      describeMismatch(`the registry serves other bytes for ${this.pathOf(expected)} (${role})`, expected, found),
    );
  }

  /** A fetch that failed on content (not transport) → its problem; anything else is thrown on. */
  #fetchProblem(error: unknown, digest: Digest, size: number, role: string, referencedBy: string): Problem {
    if (!(error instanceof RegistryError)) throw error;
    const path = this.pathOf(digest);
    if (error.code === "digest-mismatch" && error.found) return this.#mismatch(digest, error.found, role);
    if (error.code === "not-found")
      return problem<"missing-entry">(
        { code: "missing-entry", path, referencedBy },
        `${path} (${role}) is not in the registry (404), referenced by ${referencedBy}`,
      );
    if (error.code === "too-large")
      return problem<"entry-too-large">(
        { code: "entry-too-large", path, size, limit: MAX_JSON_ENTRY_BYTES },
        `${path} (${role}) is larger than the ${MAX_JSON_ENTRY_BYTES} bytes read for metadata`,
      );
    throw error;
  }

  async #document(fetched: FetchedManifest, listedAs: string, context: Context): Promise<void> {
    const path = this.pathOf(fetched.digest);
    if (SCHEMA1_MEDIA_TYPES.has(listedAs)) {
      this.problems.push(
        problem<"unsupported-media-type">(
          { code: "unsupported-media-type", path, mediaType: listedAs },
          `${path} is a Docker schema 1 manifest, which is not supported`,
        ),
      );
      return;
    }
    try {
      const value = decodeJson(fetched.bytes, path);
      const kind = blobKind(value, path, listedAs);
      if (kind === "index") await this.#index(parseImageIndex(value, path, listedAs), fetched.digest, context);
      else if (kind === "manifest")
        await this.#image(parseImageManifest(value, path, listedAs), fetched.digest, context);
      else
        this.problems.push(
          problem<"unsupported-media-type">(
            { code: "unsupported-media-type", path, mediaType: listedAs },
            `${path} (${listedAs || "no media type"}) is neither an image index nor a manifest`,
          ),
        );
    } catch (error) {
      this.problems.push(problemFromMetadataError(error));
    }
  }

  async #index(index: { manifests: Descriptor[] }, digest: Digest, context: Context): Promise<void> {
    const path = this.pathOf(digest);
    if (context.indexes.length >= MAX_INDEX_DEPTH) {
      this.problems.push(
        problem<"invalid-metadata">(
          { code: "invalid-metadata", path, reason: `indexes nest deeper than ${MAX_INDEX_DEPTH}` },
          `${path}: indexes nest deeper than ${MAX_INDEX_DEPTH}`,
        ),
      );
      return;
    }
    for (const [i, child] of index.manifests.entries()) {
      const origin = `${path} manifests[${i}]`;
      if (!child.digest.startsWith("sha256:")) {
        this.problems.push(
          problem<"unsupported-digest">(
            { code: "unsupported-digest", path: this.pathOf(child.digest), digest: child.digest },
            `${origin} uses ${child.digest.split(":")[0]} digests; only sha256 is verified`,
          ),
        );
        continue;
      }
      // Attestations (BuildKit provenance, SBOMs) hang below an index as manifests of their own: not images.
      const referenceType = child.annotations[REFERENCE_TYPE_ANNOTATION];
      if (referenceType !== undefined) {
        this.notes.push({
          code: "skipped-artifact",
          message: `${origin}: ${referenceType} ${child.digest} is not an image`,
        });
        continue;
      }
      const childDigest = child.digest as Digest;
      if (this.#walked.has(childDigest)) continue;
      this.#walked.add(childDigest);
      const role = child.platform ? `the ${formatPlatform(child.platform)} manifest` : "a manifest the index lists";
      let fetched: FetchedManifest;
      try {
        fetched = await this.#client.getManifest(this.#reference, childDigest);
      } catch (error) {
        this.problems.push(this.#fetchProblem(error, childDigest, child.size, role, origin));
        continue;
      }
      this.bytes += fetched.bytes.length;
      if (fetched.bytes.length !== child.size) {
        this.problems.push(
          problem<"size-mismatch">(
            {
              code: "size-mismatch",
              path: this.pathOf(childDigest),
              expected: child.size,
              found: fetched.bytes.length,
            },
            `${this.pathOf(childDigest)} is ${fetched.bytes.length} bytes but ${origin} says ${child.size}`,
          ),
        );
      }
      const next: Context = { origin, indexes: [...context.indexes, digest] };
      const platform = child.platform ?? context.platform;
      if (platform) next.platform = platform;
      await this.#document(fetched, child.mediaType, next);
    }
  }

  async #image(manifest: ImageManifest, manifestDigest: Digest, context: Context): Promise<void> {
    const manifestPath = this.pathOf(manifestDigest);
    const configType = manifest.config.mediaType;
    if (configType !== "" && !IMAGE_CONFIG_MEDIA_TYPES.has(configType)) {
      this.notes.push({
        code: "skipped-artifact",
        message: `${manifestPath} is an artifact (config ${configType}), not an image`,
      });
      return;
    }
    const configPath = this.pathOf(manifest.config.digest);
    const plan: RegistryImagePlan = {
      manifestDigest,
      manifestPath,
      manifest,
      indexChain: context.indexes,
      imageId: null,
      configPath,
      config: null,
      problems: [],
    };
    if (context.platform) plan.platformClaim = context.platform;
    this.images.push(plan);
    if (!manifest.config.digest.startsWith("sha256:")) {
      plan.problems.push(
        problem<"unsupported-digest">(
          { code: "unsupported-digest", path: configPath, digest: manifest.config.digest },
          `${manifestPath}: config digest ${manifest.config.digest} is not sha256`,
        ),
      );
      return;
    }
    const configDigest = manifest.config.digest as Digest;
    let bytes: Uint8Array;
    try {
      bytes = await this.#client.getBlob(this.#reference, configDigest, MAX_JSON_ENTRY_BYTES);
    } catch (error) {
      plan.problems.push(
        this.#fetchProblem(error, configDigest, manifest.config.size, "the image config", `${manifestPath} config`),
      );
      // The config the registry serves instead is still an identity worth showing.
      if (error instanceof RegistryError && error.code === "digest-mismatch" && error.found) plan.imageId = error.found;
      return;
    }
    this.bytes += bytes.length;
    plan.imageId = configDigest;
    if (bytes.length !== manifest.config.size) {
      plan.problems.push(
        problem<"size-mismatch">(
          { code: "size-mismatch", path: configPath, expected: manifest.config.size, found: bytes.length },
          `${configPath} is ${bytes.length} bytes but ${manifestPath} says ${manifest.config.size}`,
        ),
      );
    }
    try {
      plan.config = parseImageConfig(decodeJson(bytes, configPath), configPath);
    } catch (error) {
      plan.problems.push(problemFromMetadataError(error));
    }
  }
}
