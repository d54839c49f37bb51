// Images listed by Docker's manifest.json: docker save (all versions), podman and skopeo
// docker-archive, crane legacy / tarball. Paths in it are archive paths (legacy
// `<v1id>/layer.tar`, possibly symlinks; `blobs/sha256/<hex>` since Engine 25).
import { problem } from "../problems.ts";
import type { ArchiveContents } from "./archiveContents.ts";
import { type DockerManifestItem, parseDockerManifest } from "./dockerManifest.ts";
import { type Discovery, emptyClaims, type ImagePlan, type LayerPlan } from "./imagePlan.ts";
import { readConfig } from "./readConfig.ts";
import { lookupProblem, problemFromMetadataError, readJson } from "./readJson.ts";

export const DOCKER_MANIFEST_PATH = "manifest.json";

export async function discoverDockerArchive(contents: ArchiveContents): Promise<Discovery> {
  const discovery: Discovery = { images: [], problems: [], notes: [] };
  const read = await readJson(contents, DOCKER_MANIFEST_PATH, "the archive format");
  if (!read.ok) {
    discovery.problems.push(read.problem);
    return discovery;
  }
  let items: DockerManifestItem[];
  try {
    items = parseDockerManifest(read.value, DOCKER_MANIFEST_PATH);
  } catch (error) {
    discovery.problems.push(problemFromMetadataError(error));
    return discovery;
  }
  if (items.length === 0) {
    discovery.problems.push(
      problem<"no-images">(
        { code: "no-images", reason: "manifest.json lists no image" },
        "manifest.json lists no image",
      ),
    );
  }
  for (const [index, item] of items.entries()) {
    const origin = `manifest.json[${index}]`;
    const config = await readConfig(contents, item.config, `${origin}.Config`);
    const problems = [...config.problems];
    const layers = item.layers.map((path, layerIndex): LayerPlan => {
      const found = contents.table.lookup(path);
      if (found.ok) return { path, entry: found.entry };
      problems.push({ ...lookupProblem(found, `${origin}.Layers[${layerIndex}]`), layerIndex });
      return { path, entry: null };
    });
    const plan: ImagePlan = {
      view: "docker-manifest",
      origin,
      configPath: item.config,
      configEntry: config.entry,
      config: config.config,
      indexes: [],
      claims: { ...emptyClaims(), repoTags: item.repoTags },
      layers,
      problems,
    };
    discovery.images.push(plan);
  }
  return discovery;
}
