// What each entry is to the images that use it, so that a blob problem can say
// "layer 2 of image sha256:4a3c…" rather than just a path.
import { shortDigest } from "../digest.ts";
import type { EvaluatedImage } from "./evaluateImage.ts";

export function blobRoles(images: readonly EvaluatedImage[]): Map<number, string> {
  const roles = new Map<number, string>();
  const set = (offset: number | undefined, role: string) => {
    if (offset !== undefined && !roles.has(offset)) roles.set(offset, role);
  };
  for (const { plan, image } of images) {
    const which = image.imageId ? `image ${shortDigest(image.imageId)}` : plan.origin;
    set(plan.configEntry?.dataOffset, `config of ${which}`);
    set(plan.manifest?.entry.dataOffset, `manifest of ${which}`);
    for (const index of plan.indexes) set(index.entry.dataOffset, `image index leading to ${which}`);
    plan.layers.forEach((layer, i) => {
      set(layer.entry?.dataOffset, `layer ${i + 1} of ${which}`);
    });
  }
  return roles;
}
