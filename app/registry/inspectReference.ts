// An image reference → the same ArchiveReport the engine gives for an archive (format
// "registry"), so the verdict module takes it unchanged: each image's imageId (config digest),
// manifestDigest and indexDigest as the registry serves them, every document checked against
// its digest and read by the engine's strict reader. With `pull`, every layer is streamed and
// checked as `docker pull` would (stored digest and size, diff_id of the gunzipped bytes).
import type { Digest } from "../image/digest.ts";
import { emptyClaims } from "../image/formats/imagePlan.ts";
import { formatPlatform, platformsDisagree } from "../image/formats/platform.ts";
import { portableGunzip } from "../image/hash/gunzipPlatform.ts";
import type { HashTools } from "../image/hash/hashTools.ts";
import { createWasmSha256Factory } from "../image/hash/wasmSha256.ts";
import { problem, verdictOf } from "../image/problems.ts";
import { ProgressMeter } from "../image/progress/progressMeter.ts";
import type { ArchiveReport, ImageReport, InspectProgress, LayerReport, Note, Problem } from "../image/report.ts";
import { itemAt } from "../image/util/itemAt.ts";
import type { RegistryClient } from "./client.ts";
import { RegistryError } from "./errors.ts";
import { type PulledLayer, pullLayer } from "./pullLayer.ts";
import type { ImageReference } from "./reference.ts";
import { registryLayer } from "./registryLayer.ts";
import { type RegistryImagePlan, RegistryWalker } from "./registryWalker.ts";

export interface InspectReferenceOptions {
  /** Stream and check every layer too (what `docker pull` downloads). */
  pull?: boolean;
  /** Pull progress: bytes of layers read out of their total. */
  onProgress?: (progress: InspectProgress) => void;
  /** Checked between layers; the client's own signal stops requests in flight. */
  signal?: AbortSignal;
  /** The platform's hashing (Node: nodeRegistryHashTools); default hash-wasm + the portable gunzip, which run anywhere. */
  hashTools?: HashTools;
}

/** docker pull's default (max-concurrent-downloads is 3). */
const PARALLEL_PULLS = 3;

function defaultTools(): HashTools {
  return { createSha256: createWasmSha256Factory(), gunzip: portableGunzip };
}

/** Each distinct layer blob once (platforms share layers), in manifest order. */
function layersToPull(plans: readonly RegistryImagePlan[]): Map<Digest, number> {
  const layers = new Map<Digest, number>();
  for (const plan of plans) {
    for (const layer of plan.manifest.layers) {
      if (layer.digest.startsWith("sha256:") && layer.urls.length === 0) layers.set(layer.digest as Digest, layer.size);
    }
  }
  return layers;
}

async function pullAll(
  client: RegistryClient,
  reference: ImageReference,
  plans: readonly RegistryImagePlan[],
  options: InspectReferenceOptions,
): Promise<{ pulled: Map<Digest, PulledLayer | null>; bytes: number }> {
  const tools = options.hashTools ?? defaultTools();
  const layers = layersToPull(plans);
  const meter = new ProgressMeter(options.onProgress);
  meter.start([...layers.values()].reduce((sum, size) => sum + size, 0));
  const pulled = new Map<Digest, PulledLayer | null>();
  let bytes = 0;
  const queue = [...layers];
  let failed = false;
  // A few layers at a time, as docker pull does: latency overlaps, and memory stays one chunk per stream.
  const worker = async () => {
    for (let next = queue.shift(); next !== undefined && !failed; next = queue.shift()) {
      const [digest, size] = next;
      if (options.signal?.aborted)
        throw new RegistryError("aborted", "Stopped: the pull was cancelled.", { cause: options.signal.reason });
      try {
        const layer = await pullLayer(client, reference, digest, size, tools, (n) => {
          bytes += n;
          meter.add(n);
        });
        pulled.set(digest, layer);
      } catch (error) {
        if (error instanceof RegistryError && error.code === "not-found") pulled.set(digest, null);
        else {
          failed = true;
          throw error;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_PULLS, layers.size) }, worker));
  meter.finish();
  return { pulled, bytes };
}

function imageReport(
  plan: RegistryImagePlan,
  pulled: Map<Digest, PulledLayer | null> | null,
  path: (digest: string) => string,
): { image: ImageReport; problems: Problem[]; notes: Note[] } {
  const problems: Problem[] = [...plan.problems];
  const diffIds = plan.config?.diffIds;
  const listed = plan.manifest.layers;
  if (diffIds && diffIds.length !== listed.length) {
    problems.push(
      problem<"layer-count-mismatch">(
        { code: "layer-count-mismatch", declared: diffIds.length, found: listed.length },
        `the config declares ${diffIds.length} layers but ${plan.manifestPath} lists ${listed.length}`,
      ),
    );
  }
  const layers: LayerReport[] = [];
  for (let i = 0; i < Math.max(diffIds?.length ?? 0, listed.length); i++) {
    const descriptor = listed[i];
    const result = registryLayer(
      i,
      descriptor,
      diffIds?.[i] ?? null,
      plan.config !== null,
      { manifestPath: plan.manifestPath, path },
      pulled === null || descriptor === undefined ? undefined : pulled.get(descriptor.digest as Digest),
    );
    layers.push(result.layer);
    problems.push(...result.problems);
  }
  const image: ImageReport = {
    imageId: plan.imageId,
    configPath: plan.configPath,
    claims: emptyClaims(),
    names: [],
    layers,
    manifestDigest: plan.manifestDigest,
  };
  if (plan.config?.created !== undefined) image.created = plan.config.created;
  const platform = plan.config?.platform ?? plan.platformClaim;
  if (platform) image.platform = platform;
  if (plan.indexChain.length > 0) {
    image.indexDigest = itemAt(plan.indexChain, plan.indexChain.length - 1);
    image.indexChain = [...plan.indexChain];
  }
  const notes: Note[] = [];
  if (plan.platformClaim && plan.config?.platform && platformsDisagree(plan.platformClaim, plan.config.platform)) {
    notes.push({
      code: "platform-claim-differs",
      message: `the index lists image ${plan.imageId ?? "(no config)"} for ${formatPlatform(plan.platformClaim)} but its config says ${formatPlatform(plan.config.platform)}: loaders that pick an image by platform would take it for ${formatPlatform(plan.platformClaim)}, and run what its config describes`,
      imageId: plan.imageId,
    });
  }
  return { image, problems: problems.map((p) => ({ ...p, imageId: plan.imageId })), notes };
}

/** Throws RegistryError for transport, auth and a reference the registry does not have; content problems are in the report. */
export async function inspectReference(
  client: RegistryClient,
  reference: ImageReference,
  options: InspectReferenceOptions = {},
): Promise<ArchiveReport> {
  const walker = new RegistryWalker(client, reference);
  const digest = await walker.walk();
  const path = (d: string) => walker.pathOf(d);
  const { pulled, bytes } = options.pull
    ? await pullAll(client, reference, walker.images, options)
    : { pulled: null, bytes: 0 };
  const problems: Problem[] = [...walker.problems];
  const notes: Note[] = [...walker.notes];
  const images: ImageReport[] = [];
  for (const plan of walker.images) {
    const evaluated = imageReport(plan, pulled, path);
    images.push(evaluated.image);
    problems.push(...evaluated.problems);
    notes.push(...evaluated.notes);
  }
  if (images.length === 0 && problems.length === 0) {
    problems.push(
      problem<"no-images">(
        { code: "no-images", reason: `${reference.name} leads to no image` },
        `${reference.name} (${digest}) leads to no image: it is an artifact or an empty index`,
      ),
    );
  }
  return {
    format: "registry",
    compression: "none",
    size: walker.bytes + bytes,
    verdict: verdictOf(problems),
    problems,
    notes,
    images,
    source: { reference: reference.name, repository: reference.repository, digest },
  };
}
