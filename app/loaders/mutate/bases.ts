// The real fixtures the mutator starts from: the small ones (each case stays under 100 KB),
// covering every layout the loaders read: docker-archive (Docker 20, podman, two images),
// OCI (skopeo, podman) and the combined layout (Docker 26 graph store and containerd store).
// The multi-platform fixtures are 125 KB before any mutation, so they are not bases.
import { fileURLToPath } from "node:url";

export const FIXTURES_DIR = fileURLToPath(new URL("../../image/fixtures/", import.meta.url));

/** fixture file → short name used in case ids. */
export const BASES: Readonly<Record<string, string>> = {
  "docker20-save-small.tar": "d20",
  "podman-save-docker-archive.tar": "pod",
  "skopeo-copy-oci-archive.tar": "oci",
  "docker26-save.tar": "d26",
  "docker26-containerd-store-save.tar": "d26c",
  "docker20-save-two-images.tar": "d20two",
  "podman-resave-oci-archive.tar": "podoci",
};
