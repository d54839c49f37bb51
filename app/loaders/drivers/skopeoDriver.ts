// skopeo (containers/image, what podman loads with) as two loaders: docker-archive: and
// oci-archive:. For each image the archive offers: `inspect --config --raw` gives the config
// bytes (sha256 = image ID), `inspect --config` gives the config as Go parsed it (its
// diff_ids), and `copy` to a temp dir: reads every blob and checks it against its digest,
// so "accepted" means the layers were actually read and verified, not just listed.
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { LoadedImage, LoaderName, LoaderReading } from "../reading.ts";
import { COMMAND_TIMEOUT_MS, type LoaderDriver } from "./loaderDriver.ts";
import { ociIndexRefNames } from "./ociIndexRefs.ts";
import { isCommandPresent, refusalOf, runCommand } from "./runCommand.ts";

/** docker-archive offers images by position; more than this in a < 100 KB case is not expected. */
const MAX_DOCKER_ARCHIVE_IMAGES = 8;

const sha256 = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;

async function skopeo(args: string[]) {
  return runCommand("skopeo", ["--insecure-policy", ...args], { timeoutMs: COMMAND_TIMEOUT_MS });
}

/** One image through one reference: its reading, or the tool's refusal. */
async function readReference(reference: string, withManifestDigest: boolean): Promise<LoadedImage | { error: string }> {
  const raw = await skopeo(["inspect", "--config", "--raw", reference]);
  if (raw.code !== 0) return { error: refusalOf(raw) };
  const parsed = await skopeo(["inspect", "--config", reference]);
  if (parsed.code !== 0) return { error: refusalOf(parsed) };
  let diffIds: string[];
  try {
    const config = JSON.parse(parsed.stdout.toString("utf8")) as { rootfs?: { diff_ids?: unknown } };
    const ids = config.rootfs?.diff_ids;
    diffIds = Array.isArray(ids) ? ids.map(String) : [];
  } catch {
    return { error: "skopeo printed a config that is not JSON" };
  }
  const dir = await mkdtemp(join(tmpdir(), "imageseal-skopeo-"));
  try {
    const copy = await skopeo(["copy", "--quiet", reference, `dir:${join(dir, "image")}`]);
    if (copy.code !== 0) return { error: refusalOf(copy) };
    const image: LoadedImage = { imageId: sha256(raw.stdout), diffIds };
    const copiedConfig = await readFile(join(dir, "image", sha256(raw.stdout).slice("sha256:".length))).catch(
      () => null,
    );
    if (copiedConfig === null || sha256(copiedConfig) !== image.imageId)
      return { error: "skopeo copied a config other than the one it inspected" };
    if (withManifestDigest) image.manifestDigest = sha256(await readFile(join(dir, "image", "manifest.json")));
    return image;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

async function readAll(
  loader: LoaderName,
  references: string[],
  withManifestDigest: boolean,
  firstOnlyError: boolean,
): Promise<LoaderReading> {
  const started = Date.now();
  const images: LoadedImage[] = [];
  const errors: string[] = [];
  for (const [i, reference] of references.entries()) {
    const result = await readReference(reference, withManifestDigest);
    if ("error" in result) {
      // docker-archive: the first index past the end ends the list, it is no refusal
      if (firstOnlyError && i > 0 && /Invalid source index/.test(result.error)) break;
      errors.push(result.error);
      if (firstOnlyError) break;
    } else images.push(result);
  }
  const reading: LoaderReading = { loader, accepted: images.length > 0, images, ms: Date.now() - started };
  if (errors.length > 0) reading.error = errors.join("; ");
  return reading;
}

async function readOciArchive(file: string): Promise<LoaderReading> {
  const bare = await readAll("skopeo-oci-archive", [`oci-archive:${file}`], true, false);
  if (bare.accepted || !/more than one image|choose an image/i.test(bare.error ?? "")) return bare;
  const refs = await ociIndexRefNames(file);
  if (refs.length === 0) return bare;
  const started = Date.now();
  const named = await readAll(
    "skopeo-oci-archive",
    refs.map((ref) => `oci-archive:${file}:${ref}`),
    true,
    false,
  );
  return { ...named, ms: (bare.ms ?? 0) + (Date.now() - started) };
}

export function skopeoDriver(): LoaderDriver {
  return {
    family: "skopeo",
    async start() {
      return (await isCommandPresent("skopeo")) ? null : "skopeo is not installed";
    },
    async read(file) {
      const positions = Array.from({ length: MAX_DOCKER_ARCHIVE_IMAGES }, (_, i) => `docker-archive:${file}:@${i}`);
      return [await readAll("skopeo-docker-archive", positions, false, true), await readOciArchive(file)];
    },
    async stop() {},
  };
}
