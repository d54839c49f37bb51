// manifest.json as written by `docker save` (all versions), podman/skopeo docker-archive
// and crane: [{ Config, RepoTags, Layers, Parent?, LayerSources? }].
import { Shape } from "./jsonShape.ts";

export interface DockerManifestItem {
  config: string;
  /** Docker writes null for an image saved by ID; that reads as no tags. */
  repoTags: string[];
  layers: string[];
}

export function parseDockerManifest(value: unknown, path = "manifest.json"): DockerManifestItem[] {
  const shape = new Shape(path);
  return shape.array(value, "the document").map((item, i) => {
    // Go's manifestItem struct (docker image/tarexport, containers/image docker/internal/tarfile): "config" is Config too.
    const object = shape.struct(item, `[${i}]`);
    const tags = object.get("RepoTags");
    return {
      config: shape.string(object.get("Config"), `[${i}].Config`),
      repoTags: tags === null || tags === undefined ? [] : shape.stringArray(tags, `[${i}].RepoTags`),
      layers: shape.stringArray(object.get("Layers"), `[${i}].Layers`),
    };
  });
}
