// A signed release as a file: what the signer signed (EIP-712, see releaseTypedData.ts) plus
// everything needed to submit it with publishBySig from any account. JSON, with bigints as
// decimal strings and digests as `sha256:<hex>` or null. Version 2 is for registry v2: it names
// the signer (the publisher, or a delegate key of it) and its signature is bound to the publisher.
import { type Address, getAddress, type Hex, isAddress, isHex, size } from "viem";
import { type Digest, isSha256Digest } from "../image/digest.ts";
import { SignedReleaseInvalidError } from "./errors.ts";
import { DIGEST_KINDS, type ReleaseInput } from "./release.ts";
import { releaseInputProblems } from "./releaseInput.ts";

export const SIGNED_RELEASE_FORMAT = "imageseal/signed-release";
export const SIGNED_RELEASE_VERSION = 2;
/** Files for the first registry: their signatures (domain version "1", no publisher field) are void on v2. */
const REGISTRY_V1_FILE_VERSION = 1;

export interface SignedRelease {
  format: typeof SIGNED_RELEASE_FORMAT;
  version: typeof SIGNED_RELEASE_VERSION;
  chainId: number;
  registry: Address;
  /** Whose release it is. */
  publisher: Address;
  /** Who signed: the publisher itself, or a delegate key it authorised for the release's name. */
  signer: Address;
  release: ReleaseInput;
  /**
   * The publisher's nonce when this was signed. Submitting does not use it up; the publisher's next
   * revocation or cancellation (invalidateNonces) moves it on and voids the signature.
   */
  nonce: bigint;
  /** The last block timestamp (unix seconds) at which the signature is accepted. */
  deadline: bigint;
  /** A key's 65 bytes (r, s, v); for a contract account, whatever its isValidSignature accepts (EIP-1271). */
  signature: Hex;
}

/** The file's text: stable key order, two-space indent, trailing newline. */
export function serializeSignedRelease(signed: SignedRelease): string {
  const { release } = signed;
  const json = {
    format: signed.format,
    version: signed.version,
    chainId: signed.chainId,
    registry: signed.registry,
    publisher: signed.publisher,
    signer: signed.signer,
    release: {
      name: release.name,
      imageId: release.imageId,
      manifestDigest: release.manifestDigest,
      indexDigest: release.indexDigest,
      archiveDigest: release.archiveDigest,
    },
    nonce: signed.nonce.toString(),
    deadline: signed.deadline.toString(),
    signature: signed.signature,
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function malformed(detail: string, cause?: unknown): SignedReleaseInvalidError {
  return new SignedReleaseInvalidError(
    "malformed",
    `This is not a valid ImageSeal signed-release file: ${detail}. Ask the publisher for the file again.`,
    cause,
  );
}

function field<T>(
  object: Record<string, unknown>,
  key: string,
  check: (value: unknown) => value is T,
  what: string,
): T {
  const value = object[key];
  if (!check(value)) throw malformed(`"${key}" must be ${what}`);
  return value;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const MAX_UINT256 = 2n ** 256n - 1n;
// A uint256 as the contract takes it: 78 digits can exceed it, and viem would refuse to encode it later.
const isUintString = (value: unknown): value is string =>
  typeof value === "string" && /^(0|[1-9]\d{0,77})$/.test(value) && BigInt(value) <= MAX_UINT256;
const isChainId = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) > 0;
const isAnAddress = (value: unknown): value is string => typeof value === "string" && isAddress(value);
// Any non-empty bytes: only the chain knows whether the signer is a key (65 bytes) or a contract account.
const isSignature = (value: unknown): value is Hex =>
  typeof value === "string" && isHex(value, { strict: true }) && value.length % 2 === 0 && size(value) > 0;
const isDigestOrNull = (value: unknown): value is Digest | null => value === null || isSha256Digest(value);
const isString = (value: unknown): value is string => typeof value === "string";

/** Reads a signed-release file. Rejects with SignedReleaseInvalidError("malformed") saying which field is wrong. */
export function parseSignedRelease(text: string): SignedRelease {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw malformed("it is not JSON", error);
  }
  if (!isRecord(json)) throw malformed("it is not a JSON object");
  if (json.format !== SIGNED_RELEASE_FORMAT) throw malformed(`"format" must be "${SIGNED_RELEASE_FORMAT}"`);
  if (json.version === REGISTRY_V1_FILE_VERSION) {
    throw new SignedReleaseInvalidError(
      "old-version",
      "This signed release (file version 1) was made for the old ImageSeal registry, and the current registry does not accept its signature. Ask the publisher to sign the release again.",
    );
  }
  if (json.version !== SIGNED_RELEASE_VERSION)
    throw malformed(
      `"version" ${JSON.stringify(json.version)} is not supported (this app reads version ${SIGNED_RELEASE_VERSION})`,
    );
  const rawRelease = field(json, "release", isRecord, "an object");
  const release = { name: field(rawRelease, "name", isString, "a string") } as ReleaseInput;
  for (const kind of DIGEST_KINDS)
    release[kind] = field(rawRelease, kind, isDigestOrNull, "a sha256:<64 hex> digest or null");
  const problems = releaseInputProblems(release);
  if (problems.length > 0) throw malformed(`its release is not publishable (${problems.join(" ")})`);
  return {
    format: SIGNED_RELEASE_FORMAT,
    version: SIGNED_RELEASE_VERSION,
    chainId: field(json, "chainId", isChainId, "a positive integer"),
    registry: getAddress(field(json, "registry", isAnAddress, "an address")),
    publisher: getAddress(field(json, "publisher", isAnAddress, "an address")),
    signer: getAddress(field(json, "signer", isAnAddress, "an address")),
    release,
    nonce: BigInt(field(json, "nonce", isUintString, "a decimal integer string below 2^256")),
    deadline: BigInt(field(json, "deadline", isUintString, "a decimal integer string below 2^256")),
    signature: field(json, "signature", isSignature, "0x-hex bytes (a signature)"),
  };
}
