// A repository's claim artifact: an OCI image manifest under the reserved tag imageseal-claim
// whose one layer is the claims document. Pushing it needs push rights to that repository, so
// reading a publisher's signed claim there proves that whoever holds those rights let it be
// there. The config is the OCI empty descriptor ({}), as the OCI 1.1 artifact guidance asks.
import type { Digest } from "../image/digest.ts";
import { isSha256Digest } from "../image/digest.ts";
import { decodeJson } from "../image/formats/decodeJson.ts";
import { Shape } from "../image/formats/jsonShape.ts";
import type { RegistryClient } from "../registry/client.ts";
import { type RepositoryRef, registryBaseUrl } from "../registry/reference.ts";
import { MAX_CLAIM_DOCUMENT_BYTES } from "./claimDocument.ts";
import { ClaimError } from "./claimError.ts";

export const CLAIM_TAG = "imageseal-claim";
const CLAIMS_MEDIA_TYPE = "application/vnd.imageseal.claims.v1+json";
export const OCI_MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
const OCI_EMPTY_MEDIA_TYPE = "application/vnd.oci.empty.v1+json";
const EMPTY_CONFIG = new TextEncoder().encode("{}");
/** sha256 of "{}": the OCI empty descriptor's digest. */
const EMPTY_DIGEST: Digest = "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a";
/** A claim manifest is a few hundred bytes; anything much larger is not one. */
const MAX_CLAIM_MANIFEST_BYTES = 16 * 1024;

interface ClaimArtifact {
  manifestDigest: Digest;
  /** The claims document's bytes (digest-checked by the client): parse with parseClaimDocument. */
  document: Uint8Array;
  /** The manifest's URL, by digest: what was read. */
  url: string;
}

/** The artifact's manifest for a document of this digest and size. */
export function claimArtifactManifest(documentDigest: Digest, documentSize: number): Uint8Array {
  const manifest = {
    schemaVersion: 2,
    mediaType: OCI_MANIFEST_MEDIA_TYPE,
    artifactType: CLAIMS_MEDIA_TYPE,
    config: { mediaType: OCI_EMPTY_MEDIA_TYPE, digest: EMPTY_DIGEST, size: EMPTY_CONFIG.length, data: "e30=" },
    layers: [{ mediaType: CLAIMS_MEDIA_TYPE, digest: documentDigest, size: documentSize }],
  };
  return new TextEncoder().encode(JSON.stringify(manifest));
}

/** Pushes the document as the repository's claim artifact (replacing the tag's earlier one); returns the manifest digest. */
export async function pushClaimArtifact(
  client: Pick<RegistryClient, "putBlob" | "putManifest">,
  repository: RepositoryRef,
  document: Uint8Array,
): Promise<Digest> {
  await client.putBlob(repository, EMPTY_CONFIG);
  const documentDigest = await client.putBlob(repository, document);
  return client.putManifest(
    repository,
    CLAIM_TAG,
    claimArtifactManifest(documentDigest, document.length),
    OCI_MANIFEST_MEDIA_TYPE,
  );
}

/** The claims document's descriptor, from a manifest that must be a claim artifact. */
function documentDescriptor(bytes: Uint8Array, where: string): { digest: Digest; size: number } {
  // Annotated, so that TypeScript narrows after shape.fail (which never returns).
  const shape: Shape = new Shape(where);
  const manifest = shape.struct(decodeJson(bytes, where), "the manifest");
  if (manifest.get("schemaVersion") !== 2) shape.fail("schemaVersion", "is not 2");
  const mediaType = manifest.get("mediaType");
  if (mediaType !== undefined && mediaType !== OCI_MANIFEST_MEDIA_TYPE)
    shape.fail("mediaType", `is ${JSON.stringify(mediaType)}, not an OCI image manifest`);
  const config = shape.struct(manifest.get("config"), "config");
  // Registries that drop artifactType still keep the config: accept the claims type in either.
  if (manifest.get("artifactType") !== CLAIMS_MEDIA_TYPE && config.get("mediaType") !== CLAIMS_MEDIA_TYPE) {
    shape.fail("artifactType", `is not ${CLAIMS_MEDIA_TYPE}: the tag ${CLAIM_TAG} holds something else`);
  }
  const layers = shape.array(manifest.get("layers"), "layers");
  if (layers.length !== 1) shape.fail("layers", `holds ${layers.length} layers; a claim artifact has exactly one`);
  const layer = shape.struct(layers[0], "layers[0]");
  if (layer.get("mediaType") !== CLAIMS_MEDIA_TYPE) shape.fail("layers[0].mediaType", `is not ${CLAIMS_MEDIA_TYPE}`);
  const digest = shape.string(layer.get("digest"), "layers[0].digest");
  if (!isSha256Digest(digest)) shape.fail("layers[0].digest", "is not a sha256 digest");
  const size = shape.size(layer.get("size"), "layers[0].size");
  if (size > MAX_CLAIM_DOCUMENT_BYTES)
    shape.fail("layers[0].size", `is ${size}; a claims document is at most ${MAX_CLAIM_DOCUMENT_BYTES} bytes`);
  return { digest, size };
}

/**
 * Reads the repository's claim artifact. Transport, auth and 404 are the client's RegistryErrors
 * (checkClaim names them); a tag that holds something else is a ClaimError "malformed".
 */
export async function readClaimArtifact(
  client: Pick<RegistryClient, "getManifest" | "getBlob">,
  repository: RepositoryRef,
): Promise<ClaimArtifact> {
  const manifest = await client.getManifest(repository, CLAIM_TAG);
  const url = `${registryBaseUrl(repository.domain)}/v2/${repository.path}/manifests/${manifest.digest}`;
  const where = `${repository.domain}/${repository.path}:${CLAIM_TAG}`;
  if (manifest.bytes.length > MAX_CLAIM_MANIFEST_BYTES)
    throw new ClaimError("malformed", `${where} is a ${manifest.bytes.length}-byte manifest, not a claim artifact.`);
  let descriptor: { digest: Digest; size: number };
  try {
    descriptor = documentDescriptor(manifest.bytes, where);
  } catch (error) {
    throw new ClaimError(
      "malformed",
      `${(error as Error).message}. The tag ${CLAIM_TAG} must hold the claim artifact imageseal pushes.`,
      error,
    );
  }
  const document = await client.getBlob(repository, descriptor.digest, MAX_CLAIM_DOCUMENT_BYTES);
  if (document.length !== descriptor.size) {
    throw new ClaimError(
      "malformed",
      `${where}: the claims document is ${document.length} bytes, but its manifest says ${descriptor.size}.`,
    );
  }
  return { manifestDigest: manifest.digest, document, url };
}
