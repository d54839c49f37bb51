// OCI image-spec documents (and their Docker v2 equivalents): descriptors, image indexes
// (manifest lists) and image manifests.
import type { Platform } from "../report.ts";
import { Shape, type JsonObject } from "./jsonShape.ts";

export interface Descriptor {
  mediaType: string;
  /** As written: `<algorithm>:<encoded>`; only sha256 is verified. */
  digest: string;
  size: number;
  platform?: Platform;
  annotations: Record<string, string>;
  /** Foreign / non-distributable layers name where to fetch them instead of shipping them. */
  urls: string[];
}

export interface ImageIndex {
  manifests: Descriptor[];
}

export interface ImageManifest {
  config: Descriptor;
  layers: Descriptor[];
}

/** Grammar from the OCI descriptor spec. */
const DIGEST_GRAMMAR = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;

function parsePlatform(shape: Shape, value: unknown, where: string): Platform | undefined {
  if (value === undefined || value === null) return undefined;
  const object = shape.object(value, where);
  const platform: Platform = {
    os: shape.string(object["os"], `${where}.os`),
    architecture: shape.string(object["architecture"], `${where}.architecture`),
  };
  const variant = shape.optionalString(object["variant"], `${where}.variant`);
  if (variant !== undefined && variant !== "") platform.variant = variant;
  const osVersion = shape.optionalString(object["os.version"], `${where}["os.version"]`);
  if (osVersion !== undefined && osVersion !== "") platform.osVersion = osVersion;
  return platform;
}

export function parseDescriptor(shape: Shape, value: unknown, where: string): Descriptor {
  const object = shape.object(value, where);
  const digest = shape.string(object["digest"], `${where}.digest`);
  if (!DIGEST_GRAMMAR.test(digest)) shape.fail(`${where}.digest`, "is not a digest");
  if (digest.startsWith("sha256:") && !/^sha256:[a-f0-9]{64}$/.test(digest)) shape.fail(`${where}.digest`, "is not a sha256 digest");
  const descriptor: Descriptor = {
    mediaType: shape.optionalString(object["mediaType"], `${where}.mediaType`) ?? "",
    digest,
    size: shape.size(object["size"], `${where}.size`),
    annotations: shape.stringMap(object["annotations"], `${where}.annotations`),
    urls: object["urls"] === undefined || object["urls"] === null ? [] : shape.stringArray(object["urls"], `${where}.urls`),
  };
  const platform = parsePlatform(shape, object["platform"], `${where}.platform`);
  if (platform) descriptor.platform = platform;
  return descriptor;
}

function schemaVersion2(shape: Shape, object: JsonObject): void {
  if (object["schemaVersion"] !== 2) shape.fail("schemaVersion", "is not 2");
}

export function parseImageIndex(value: unknown, path: string): ImageIndex {
  const shape = new Shape(path);
  const object = shape.object(value, "the document");
  schemaVersion2(shape, object);
  return { manifests: shape.array(object["manifests"], "manifests").map((item, i) => parseDescriptor(shape, item, `manifests[${i}]`)) };
}

export function parseImageManifest(value: unknown, path: string): ImageManifest {
  const shape = new Shape(path);
  const object = shape.object(value, "the document");
  schemaVersion2(shape, object);
  return {
    config: parseDescriptor(shape, object["config"], "config"),
    layers: shape.array(object["layers"], "layers").map((item, i) => parseDescriptor(shape, item, `layers[${i}]`)),
  };
}

/** Which kind of document a JSON value looks like, for blobs whose media type is missing or unknown. */
export function documentKind(value: unknown): "index" | "manifest" | "other" {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "other";
  const object = value as JsonObject;
  if (Array.isArray(object["manifests"])) return "index";
  if (object["config"] !== undefined && Array.isArray(object["layers"])) return "manifest";
  return "other";
}

export function parseOciLayoutFile(value: unknown, path = "oci-layout"): string {
  const shape = new Shape(path);
  return shape.string(shape.object(value, "the document")["imageLayoutVersion"], "imageLayoutVersion");
}
