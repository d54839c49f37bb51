// The image config (OCI image-spec config.md / Docker image spec): the parts the engine
// verifies (rootfs.diff_ids) and reports (platform, created).
import { isSha256Digest, type Digest } from "../digest.ts";
import type { Platform } from "../report.ts";
import { Shape } from "./jsonShape.ts";

export interface ImageConfig {
  diffIds: Digest[];
  platform?: Platform;
  created?: string;
}

export function parseImageConfig(value: unknown, path: string): ImageConfig {
  const shape: Shape = new Shape(path);
  const object = shape.object(value, "the document");
  const rootfs = shape.object(object["rootfs"], "rootfs");
  if (rootfs["type"] !== "layers") shape.fail("rootfs.type", 'is not "layers"');
  const diffIds = shape.array(rootfs["diff_ids"], "rootfs.diff_ids").map((item, i) => {
    if (!isSha256Digest(item)) shape.fail(`rootfs.diff_ids[${i}]`, "is not a sha256 digest");
    return item;
  });
  const config: ImageConfig = { diffIds };
  const os = shape.optionalString(object["os"], "os");
  const architecture = shape.optionalString(object["architecture"], "architecture");
  if (os !== undefined && architecture !== undefined) {
    const platform: Platform = { os, architecture };
    const variant = shape.optionalString(object["variant"], "variant");
    if (variant) platform.variant = variant;
    const osVersion = shape.optionalString(object["os.version"], '"os.version"');
    if (osVersion) platform.osVersion = osVersion;
    config.platform = platform;
  }
  const created = object["created"];
  if (typeof created === "string") config.created = created;
  return config;
}
