// OCI image-spec documents (and their Docker v2 equivalents): descriptors, image indexes
// (manifest lists) and image manifests.
import type { Platform } from "../report.ts";
import { documentKind } from "./documentKind.ts";
import type { GoStruct } from "./goStruct.ts";
import { Shape } from "./jsonShape.ts";

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

interface ImageIndex {
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
  const object = shape.struct(value, where);
  const platform: Platform = {
    os: shape.string(object.get("os"), `${where}.os`),
    architecture: shape.string(object.get("architecture"), `${where}.architecture`),
  };
  const variant = shape.optionalString(object.get("variant"), `${where}.variant`);
  if (variant !== undefined && variant !== "") platform.variant = variant;
  const osVersion = shape.optionalString(object.get("os.version"), `${where}["os.version"]`);
  if (osVersion !== undefined && osVersion !== "") platform.osVersion = osVersion;
  return platform;
}

function parseDescriptor(shape: Shape, value: unknown, where: string): Descriptor {
  const object = shape.struct(value, where);
  const digest = shape.string(object.get("digest"), `${where}.digest`);
  if (!DIGEST_GRAMMAR.test(digest)) shape.fail(`${where}.digest`, "is not a digest");
  if (digest.startsWith("sha256:") && !/^sha256:[a-f0-9]{64}$/.test(digest))
    shape.fail(`${where}.digest`, "is not a sha256 digest");
  const urls = object.get("urls");
  const descriptor: Descriptor = {
    mediaType: shape.optionalString(object.get("mediaType"), `${where}.mediaType`) ?? "",
    digest,
    size: shape.size(object.get("size"), `${where}.size`),
    annotations: shape.stringMap(object.get("annotations"), `${where}.annotations`),
    urls: urls === undefined || urls === null ? [] : shape.stringArray(urls, `${where}.urls`),
  };
  const platform = parsePlatform(shape, object.get("platform"), `${where}.platform`);
  if (platform) descriptor.platform = platform;
  return descriptor;
}

function schemaVersion2(shape: Shape, document: GoStruct): void {
  if (document.get("schemaVersion") !== 2) shape.fail("schemaVersion", "is not 2");
}

/** An image index; `listedAs` is the media type of the descriptor that leads to it ("" for index.json). */
export function parseImageIndex(value: unknown, path: string, listedAs = ""): ImageIndex {
  const shape = new Shape(path);
  const document = shape.struct(value, "the document");
  documentKind(shape, document, { mediaType: listedAs, kind: "index" });
  schemaVersion2(shape, document);
  return {
    manifests: shape
      .array(document.get("manifests"), "manifests")
      .map((item, i) => parseDescriptor(shape, item, `manifests[${i}]`)),
  };
}

/** An image manifest; `listedAs` is the media type of the descriptor that leads to it. */
export function parseImageManifest(value: unknown, path: string, listedAs = ""): ImageManifest {
  const shape = new Shape(path);
  const document = shape.struct(value, "the document");
  documentKind(shape, document, { mediaType: listedAs, kind: "manifest" });
  schemaVersion2(shape, document);
  return {
    config: parseDescriptor(shape, document.get("config"), "config"),
    layers: shape
      .array(document.get("layers"), "layers")
      .map((item, i) => parseDescriptor(shape, item, `layers[${i}]`)),
  };
}

export function parseOciLayoutFile(value: unknown, path = "oci-layout"): string {
  const shape = new Shape(path);
  return shape.string(shape.struct(value, "the document").get("imageLayoutVersion"), "imageLayoutVersion");
}
