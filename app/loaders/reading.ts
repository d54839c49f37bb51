// What one loader made of one archive, normalized so the engine's report and every
// loader's answer can be compared field by field. A reading states facts the tool printed
// or stored (the sha256 of the config bytes it kept, the diff_ids in that config), never
// what the archive claims.

export type LoaderName = "skopeo-docker-archive" | "skopeo-oci-archive" | "docker" | "containerd";

/** The tool families the runner can be asked for (`--loaders skopeo,docker,containerd`). */
export type LoaderFamily = "skopeo" | "docker" | "containerd";

export const LOADER_FAMILIES: readonly LoaderFamily[] = ["skopeo", "docker", "containerd"];

export interface LoadedImage {
  /** sha256 of the config bytes the loader kept. */
  imageId: string;
  /** rootfs.diff_ids of that config, as the loader verified the layers against them. */
  diffIds: string[];
  /** sha256 of the manifest read from the archive (only where the archive stores one the loader used as is). */
  manifestDigest?: string;
  /** Names the loader gave the image (tags, refs): claims, kept for people. */
  names?: string[];
}

export interface LoaderReading {
  loader: LoaderName;
  /** The loader loaded (copied, imported) at least one image without error. */
  accepted: boolean;
  /** The tool's own words when it refused, trimmed. */
  error?: string;
  images: LoadedImage[];
  /** Wall time of the whole reading, ms (not committed with corpus cases: it varies). */
  ms?: number;
}

/** Sort key that identifies a loaded image for comparisons: config digest + layer chain. */
export function imageKey(image: { imageId: string | null; diffIds: readonly (string | null)[] }): string {
  return `${image.imageId ?? "null"}|${image.diffIds.map((d) => d ?? "null").join(",")}`;
}
