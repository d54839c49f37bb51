// Media types the engine recognizes (OCI image-spec and Docker image manifest v2).

export const INDEX_MEDIA_TYPES: ReadonlySet<string> = new Set([
  "application/vnd.oci.image.index.v1+json",
  "application/vnd.docker.distribution.manifest.list.v2+json",
]);

export const MANIFEST_MEDIA_TYPES: ReadonlySet<string> = new Set([
  "application/vnd.oci.image.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v2+json",
]);

/** Docker schema 1 manifests: no config blob, no diffIds; long deprecated. */
export const SCHEMA1_MEDIA_TYPES: ReadonlySet<string> = new Set([
  "application/vnd.docker.distribution.manifest.v1+json",
  "application/vnd.docker.distribution.manifest.v1+prettyjws",
]);

export const IMAGE_CONFIG_MEDIA_TYPES: ReadonlySet<string> = new Set([
  "application/vnd.oci.image.config.v1+json",
  "application/vnd.docker.container.image.v1+json",
]);

/** BuildKit marks provenance / SBOM manifests inside an index with this annotation. */
export const REFERENCE_TYPE_ANNOTATION = "vnd.docker.reference.type";

export const REF_NAME_ANNOTATION = "org.opencontainers.image.ref.name";
export const CONTAINERD_NAME_ANNOTATION = "io.containerd.image.name";
