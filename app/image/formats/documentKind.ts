// Whether a blob is an image index or an image manifest, refusing one that reads as both
// (CVE-2021-41190): loaders that go by the descriptor's media type, by the document's own
// mediaType, or by its fields must all reach the same answer. containers/image refuses
// "manifests" in a manifest and "config"/"layers" in an index, whatever their case
// (validateUnambiguousManifestFormat, manifest/common.go); containerd refuses the same by
// media type (images.validateMediaType), counting even a null field. Both refuse Docker
// schema 1 fields ("fsLayers", "history") in a v2 document.
import { JsonNumber } from "./goJson.ts";
import type { GoStruct } from "./goStruct.ts";
import { Shape } from "./jsonShape.ts";
import { INDEX_MEDIA_TYPES, MANIFEST_MEDIA_TYPES } from "./mediaTypes.ts";

type DocumentKind = "index" | "manifest";

/** How a document was reached. */
interface KindClaim {
  /** The media type of the descriptor that leads to it ("" when there is none). */
  mediaType: string;
  /** The kind its place implies: index.json is read as an index by every loader. */
  kind?: DocumentKind;
}

const FIELDS: Readonly<Record<DocumentKind, readonly string[]>> = {
  index: ["manifests"],
  manifest: ["config", "layers"],
};
const SCHEMA1_FIELDS = ["fsLayers", "history"];
const NAMES: Readonly<Record<DocumentKind, string>> = { index: "an image index", manifest: "an image manifest" };

function kindOfMediaType(mediaType: string): DocumentKind | null {
  if (INDEX_MEDIA_TYPES.has(mediaType)) return "index";
  if (MANIFEST_MEDIA_TYPES.has(mediaType)) return "manifest";
  return null;
}

/** Field names as written in the document, for messages (a field present even when null). */
function present(document: GoStruct, fields: readonly string[]): string[] {
  return fields.filter((field) => document.has(field));
}

/** The kind of an index or manifest read as a Go struct; throws AmbiguousJsonError ("document-kind") when readers could disagree. */
export function documentKind(shape: Shape, document: GoStruct, claim: KindClaim): DocumentKind | "other" {
  const own = shape.optionalString(document.get("mediaType"), "mediaType") ?? "";
  if (claim.mediaType !== "" && own !== "" && own !== claim.mediaType) {
    shape.ambiguous(
      "the document",
      `says its mediaType is ${own} but its descriptor says ${claim.mediaType}: loaders that go by one or the other read different documents`,
      "document-kind",
    );
  }
  const indexFields = present(document, FIELDS.index);
  const manifestFields = present(document, FIELDS.manifest);
  const claims: [string, DocumentKind | null][] = [
    ["its place", claim.kind ?? null],
    [`its descriptor's media type (${claim.mediaType})`, kindOfMediaType(claim.mediaType)],
    [`its own mediaType (${own})`, kindOfMediaType(own)],
    [`its field ${indexFields.join(", ")}`, indexFields.length > 0 ? "index" : null],
    [`its fields ${manifestFields.join(", ")}`, manifestFields.length > 0 ? "manifest" : null],
  ];
  const stated = claims.filter((entry): entry is [string, DocumentKind] => entry[1] !== null);
  const first = stated[0];
  if (first === undefined) return "other";
  const contrary = stated.find(([, kind]) => kind !== first[1]);
  if (contrary !== undefined) {
    shape.ambiguous(
      "the document",
      `is ${NAMES[first[1]]} by ${first[0]} but ${NAMES[contrary[1]]} by ${contrary[0]}: containerd and containers/image refuse it, a reader that goes by one of them reads another image`,
      "document-kind",
    );
  }
  const schema1 = present(document, SCHEMA1_FIELDS);
  if (schema1.length > 0) {
    shape.ambiguous(
      "the document",
      `is ${NAMES[first[1]]} with the Docker schema 1 field ${schema1.join(", ")}: containerd and containers/image refuse it`,
      "document-kind",
    );
  }
  return first[1];
}

/** The kind of a blob an index's descriptor leads to; "other" when it is no index or manifest (or not an object). */
export function blobKind(value: unknown, path: string, mediaType: string): DocumentKind | "other" {
  const shape = new Shape(path);
  if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof JsonNumber)
    return kindOfMediaType(mediaType) ?? "other";
  return documentKind(shape, shape.struct(value, "the document"), { mediaType });
}
