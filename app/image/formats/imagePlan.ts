// What the format readers found, before any digest is computed: for each image, which
// entries hold its config, manifest, indexes and layers, and what the archive claims.
import type { ImageClaims, Note, Platform, Problem } from "../report.ts";
import type { TarEntry } from "../tar/tarEntry.ts";
import type { ImageConfig } from "./imageConfig.ts";
import type { Descriptor } from "./ociDocuments.ts";

export interface LayerPlan {
  /** The path the manifest names (docker manifest.json path, or blobs/sha256/<hex>). */
  path: string;
  /** The regular file it leads to; null when missing or unresolvable (a problem says why). */
  entry: TarEntry | null;
  /** The OCI/Docker v2 manifest's descriptor, when a manifest names the layer. */
  descriptor?: Descriptor;
}

export interface BlobRef {
  path: string;
  entry: TarEntry;
  descriptor: Descriptor;
}

export interface ImagePlan {
  view: "docker-manifest" | "oci-index";
  /** Where the image was found, for messages: `manifest.json[0]`, `index.json manifests[0]`. */
  origin: string;
  configPath: string;
  configEntry: TarEntry | null;
  /** null when the config is missing or not an image config (a problem says why). */
  config: ImageConfig | null;
  manifest?: BlobRef;
  /** Index blobs from the outermost to the one listing the manifest. */
  indexes: BlobRef[];
  platformClaim?: Platform;
  claims: ImageClaims;
  layers: LayerPlan[];
  /** Problems found while reading this image's metadata; its imageId is attached once known. */
  problems: Problem[];
}

export interface Discovery {
  images: ImagePlan[];
  problems: Problem[];
  notes: Note[];
}

export function emptyClaims(): ImageClaims {
  return { repoTags: [], refNames: [], containerdNames: [] };
}
