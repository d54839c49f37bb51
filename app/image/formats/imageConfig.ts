// The image config (OCI image-spec config.md / Docker image spec): the parts the engine
// verifies (rootfs.diff_ids) and reports (platform, created).
import { type Digest, isSha256Digest } from "../digest.ts";
import type { Platform } from "../report.ts";
import { Shape } from "./jsonShape.ts";

export interface ImageConfig {
  diffIds: Digest[];
  platform?: Platform;
  created?: string;
}

export function parseImageConfig(value: unknown, path: string): ImageConfig {
  const shape: Shape = new Shape(path);
  const document = shape.struct(value, "the document");
  const rootfs = shape.struct(document.get("rootfs"), "rootfs");
  if (rootfs.get("type") !== "layers") shape.fail("rootfs.type", 'is not "layers"');
  const diffIds = shape.array(rootfs.get("diff_ids"), "rootfs.diff_ids").map((item, i) => {
    if (!isSha256Digest(item)) shape.fail(`rootfs.diff_ids[${i}]`, "is not a sha256 digest");
    return item;
  });
  const config: ImageConfig = { diffIds };
  const os = shape.optionalString(document.get("os"), "os");
  const architecture = shape.optionalString(document.get("architecture"), "architecture");
  if (os !== undefined && architecture !== undefined) {
    const platform: Platform = { os, architecture };
    const variant = shape.optionalString(document.get("variant"), "variant");
    if (variant) platform.variant = variant;
    const osVersion = shape.optionalString(document.get("os.version"), '"os.version"');
    if (osVersion) platform.osVersion = osVersion;
    config.platform = platform;
  }
  const created = document.get("created");
  if (typeof created === "string") config.created = created;
  return config;
}
