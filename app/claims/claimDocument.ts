// The signed claims document: the one layer of a repository's claim artifact and, byte for byte
// the same format, a domain's /.well-known/imageseal.json. Read with the engine's strict JSON
// reader (Go's reading or refused), every field checked, and accepted only in the exact form
// serializeClaimDocument writes: one spelling per document, so no two readers can disagree
// about one, and any edit shows (every changed byte is either refused or a different document).
import { type Address, getAddress, type Hex, isAddress } from "viem";
import { decodeJson } from "../image/formats/decodeJson.ts";
import { type JsonObject, Shape } from "../image/formats/jsonShape.ts";
import { ClaimError } from "./claimError.ts";
import { normalizeClaimScope } from "./scope.ts";

const CLAIM_DOCUMENT_FORMAT = "claims/v1";
export const MAX_CLAIM_DOCUMENT_BYTES = 64 * 1024;
export const MAX_CLAIMS_PER_DOCUMENT = 16;
/** Room for an EIP-1271 account's signature (a multisig's owners' signatures, concatenated). */
const MAX_CLAIM_SIGNATURE_BYTES = 2048;

/** One publisher's signed statement that it controls `scope`, for one registry on one chain. */
export interface SignedClaim {
  /** Checksummed (EIP-55). */
  publisher: Address;
  /** A repository "ghcr.io/acme/api" or a host "acme.com", normalized (claimLocation.ts). */
  scope: string;
  chainId: number;
  /** The ImageRegistry's address, checksummed. */
  registry: Address;
  /** EIP-712 ControlClaim signature (claimTypedData.ts), lower-case hex. */
  signature: Hex;
}

export interface ClaimDocument {
  claims: SignedClaim[];
}

const DOCUMENT_KEYS = ["imageseal", "claims"];
const CLAIM_KEYS = ["publisher", "scope", "chainId", "registry", "signature"];
const SIGNATURE = new RegExp(`^0x(?:[0-9a-f]{2}){1,${MAX_CLAIM_SIGNATURE_BYTES}}$`);

/** Whether the scope is written exactly as normalized: a repository (it has a "/") or a host. */
function isCanonicalScope(scope: string): boolean {
  return normalizeClaimScope(scope) === scope;
}

function exactKeys(shape: Shape, object: JsonObject, keys: readonly string[], where: string): void {
  const found = Object.keys(object);
  const extra = found.find((key) => !keys.includes(key));
  if (extra !== undefined) shape.fail(where, `has the unknown field ${JSON.stringify(extra)}`);
  const missing = keys.find((key) => !found.includes(key));
  if (missing !== undefined) shape.fail(where, `has no field ${JSON.stringify(missing)}`);
}

function checksummed(shape: Shape, value: unknown, where: string): Address {
  const text = shape.string(value, where);
  if (!isAddress(text, { strict: false }) || getAddress(text) !== text)
    shape.fail(where, "is not a checksummed (EIP-55) address");
  return text;
}

function claimOf(shape: Shape, value: unknown, where: string): SignedClaim {
  const object = shape.object(value, where);
  exactKeys(shape, object, CLAIM_KEYS, where);
  const scope = shape.string(object.scope, `${where}.scope`);
  if (!isCanonicalScope(scope)) shape.fail(`${where}.scope`, "is not a normalized repository (registry/path) or host");
  const chainId = object.chainId;
  if (typeof chainId !== "number" || !Number.isSafeInteger(chainId) || chainId <= 0)
    shape.fail(`${where}.chainId`, "is not a chain id (a positive integer)");
  const signature = shape.string(object.signature, `${where}.signature`);
  if (!SIGNATURE.test(signature))
    shape.fail(`${where}.signature`, `is not lower-case hex of 1 to ${MAX_CLAIM_SIGNATURE_BYTES} bytes`);
  return {
    publisher: checksummed(shape, object.publisher, `${where}.publisher`),
    scope,
    chainId,
    registry: checksummed(shape, object.registry, `${where}.registry`),
    signature: signature as Hex,
  };
}

function documentOf(value: unknown, where: string): ClaimDocument {
  const shape = new Shape(where);
  const root = shape.object(value, "the document");
  exactKeys(shape, root, DOCUMENT_KEYS, "the document");
  if (root.imageseal !== CLAIM_DOCUMENT_FORMAT)
    shape.fail("imageseal", `is not ${JSON.stringify(CLAIM_DOCUMENT_FORMAT)}`);
  const claims = shape.array(root.claims, "claims");
  if (claims.length === 0 || claims.length > MAX_CLAIMS_PER_DOCUMENT)
    shape.fail("claims", `holds ${claims.length} claims; a document holds 1 to ${MAX_CLAIMS_PER_DOCUMENT}`);
  return { claims: claims.map((claim, i) => claimOf(shape, claim, `claims[${i}]`)) };
}

function render(document: ClaimDocument): string {
  const claims = document.claims.map(({ publisher, scope, chainId, registry, signature }) => ({
    publisher,
    scope,
    chainId,
    registry,
    signature,
  }));
  return `${JSON.stringify({ imageseal: CLAIM_DOCUMENT_FORMAT, claims }, null, 2)}\n`;
}

/** Reads a document fetched from `where` (for messages); throws ClaimError "malformed" with the reason. */
export function parseClaimDocument(bytes: Uint8Array, where: string): ClaimDocument {
  if (bytes.length > MAX_CLAIM_DOCUMENT_BYTES)
    throw new ClaimError(
      "malformed",
      `${where} is ${bytes.length} bytes; a claims document is at most ${MAX_CLAIM_DOCUMENT_BYTES}.`,
    );
  let document: ClaimDocument;
  try {
    document = documentOf(decodeJson(bytes, where), where);
  } catch (error) {
    throw new ClaimError(
      "malformed",
      `${(error as Error).message}. It is not a claims document imageseal can read.`,
      error,
    );
  }
  const canonical = new TextEncoder().encode(render(document));
  if (canonical.length !== bytes.length || canonical.some((byte, i) => byte !== bytes[i])) {
    throw new ClaimError(
      "malformed",
      `${where} is not written exactly as imageseal writes claims documents (spacing, order or escapes differ). Serve the file imageseal made, unchanged.`,
    );
  }
  return document;
}

/** The document's bytes (2-space JSON, fields in a fixed order, a final newline); throws ClaimError for an invalid claim. */
export function serializeClaimDocument(claims: readonly SignedClaim[]): Uint8Array {
  const text = render({ claims: [...claims] });
  // Checked by the reader itself, so that what we write is always what we accept.
  try {
    documentOf(JSON.parse(text), "the new claims document");
  } catch (error) {
    throw new ClaimError("malformed", (error as Error).message, error);
  }
  return new TextEncoder().encode(text);
}

/** The design's name for serializeClaimDocument. */
export const makeClaimDocument = serializeClaimDocument;

/**
 * `claim` added to a document (a domain's file can hold several publishers' claims): it replaces
 * a claim of the same publisher, scope, chain and registry, and is appended otherwise.
 */
export function withClaim(document: ClaimDocument | null, claim: SignedClaim): SignedClaim[] {
  const same = (other: SignedClaim) =>
    other.publisher === claim.publisher &&
    other.scope === claim.scope &&
    other.chainId === claim.chainId &&
    other.registry === claim.registry;
  const kept = (document?.claims ?? []).filter((other) => !same(other));
  return [...kept, claim];
}
