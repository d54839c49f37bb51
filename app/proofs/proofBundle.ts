// A proof bundle as a file: what an offline verifier needs to know the registry's answer about
// some publishers' releases of some digests as of one block, with the proofs that tie it to that
// block's hash. Proved: the block header (by its hash), the registry account (by the header's
// state root) and every storage word listed (by the account's storage root). Not proved, and
// never trusted on its own: each release's name and digests (they live in event logs) — the
// verifier keeps one only when storage binds it to the release (registryState.bindsClaim) — and
// revocation reasons, shown as the RPC reported them.
import { type Address, getAddress, type Hex, isAddress, isHex } from "viem";
import { type Digest, isSha256Digest } from "../image/digest.ts";
import type { RpcHeader } from "./blockHeader.ts";
import { BundleError } from "./bundleError.ts";

export const PROOF_BUNDLE_FORMAT = "imageseal/proof-bundle";
export const PROOF_BUNDLE_VERSION = 1;

export interface ProvedWord {
  slot: Hex;
  value: Hex;
  proof: Hex[];
}

/** A release's contents as its Published log gave them when the bundle was made. */
export interface BundledRelease {
  id: bigint;
  publisher: Address;
  name: string;
  imageId: Digest | null;
  manifestDigest: Digest | null;
  indexDigest: Digest | null;
  archiveDigest: Digest | null;
  transactionHash: Hex;
}

export interface BundledRevocation {
  releaseId: bigint;
  reason: string;
  blockNumber: bigint;
  transactionHash: Hex;
}

export interface ProofBundle {
  format: typeof PROOF_BUNDLE_FORMAT;
  version: typeof PROOF_BUNDLE_VERSION;
  chainId: number;
  registry: Address;
  /** The header of the block everything is proved at. */
  block: RpcHeader;
  /** Whose releases the bundle covers (a verifier can judge only these publishers). */
  publishers: Address[];
  /** Which digests it covers. */
  digests: Digest[];
  /** Names whose history (each publisher's current release of it) is included. */
  names: string[];
  accountProof: Hex[];
  storage: ProvedWord[];
  releases: BundledRelease[];
  revocations: BundledRevocation[];
}

export function serializeProofBundle(bundle: ProofBundle): string {
  return `${JSON.stringify(bundle, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value), 2)}\n`;
}

function malformed(detail: string): BundleError {
  return new BundleError("malformed", `This is not a valid ImageSeal proof bundle: ${detail}.`);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const isHexBytes = (value: unknown): value is Hex =>
  typeof value === "string" && isHex(value, { strict: true }) && value.length % 2 === 0;
const isWord = (value: unknown): value is Hex => isHexBytes(value) && value.length === 66;
const isUint = (value: unknown): value is string => typeof value === "string" && /^(0|[1-9]\d{0,77})$/.test(value);

function get<T>(
  object: Record<string, unknown>,
  key: string,
  check: (value: unknown) => value is T,
  what: string,
  where: string,
): T {
  const value = object[key];
  if (!check(value)) throw malformed(`${where}"${key}" must be ${what}`);
  return value;
}

function list<T>(value: unknown, where: string, each: (item: unknown, at: string) => T): T[] {
  if (!Array.isArray(value)) throw malformed(`${where} must be a list`);
  return value.map((item, i) => each(item, `${where}[${i}]`));
}

const isHexString = (value: unknown): value is Hex => typeof value === "string" && isHex(value, { strict: true });

/** A block header as a node or a bundle file gives it: the fields the block hash covers, each hex. */
export function parseRpcHeader(value: unknown): RpcHeader {
  if (!isRecord(value)) throw malformed(`"block" must be an object`);
  const hex = (key: string): Hex => get(value, key, isHexString, "hex", "block.");
  const optional = (key: string): Hex | undefined => (value[key] === undefined ? undefined : hex(key));
  const header: RpcHeader = {
    hash: hex("hash"),
    parentHash: hex("parentHash"),
    sha3Uncles: hex("sha3Uncles"),
    miner: hex("miner"),
    stateRoot: hex("stateRoot"),
    transactionsRoot: hex("transactionsRoot"),
    receiptsRoot: hex("receiptsRoot"),
    logsBloom: hex("logsBloom"),
    difficulty: hex("difficulty"),
    number: hex("number"),
    gasLimit: hex("gasLimit"),
    gasUsed: hex("gasUsed"),
    timestamp: hex("timestamp"),
    extraData: hex("extraData"),
    mixHash: hex("mixHash"),
    nonce: hex("nonce"),
  };
  for (const key of [
    "baseFeePerGas",
    "withdrawalsRoot",
    "blobGasUsed",
    "excessBlobGas",
    "parentBeaconBlockRoot",
    "requestsHash",
  ] as const) {
    const field = optional(key);
    if (field !== undefined) header[key] = field;
  }
  return header;
}

const digestOrNull = (value: unknown): value is Digest | null => value === null || isSha256Digest(value);

/** Reads a proof bundle file; BundleError("malformed") names the field that is wrong. Proves nothing yet. */
export function parseProofBundle(text: string): ProofBundle {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw malformed("it is not JSON");
  }
  if (!isRecord(json)) throw malformed("it is not a JSON object");
  if (json.format !== PROOF_BUNDLE_FORMAT) throw malformed(`"format" must be "${PROOF_BUNDLE_FORMAT}"`);
  if (json.version !== PROOF_BUNDLE_VERSION)
    throw malformed(
      `"version" ${JSON.stringify(json.version)} is not supported (this app reads version ${PROOF_BUNDLE_VERSION})`,
    );
  const chainId = get(
    json,
    "chainId",
    (v): v is number => Number.isSafeInteger(v) && (v as number) > 0,
    "a positive integer",
    "",
  );
  const registry = getAddress(
    get(json, "registry", (v): v is string => typeof v === "string" && isAddress(v), "an address", ""),
  );
  return {
    format: PROOF_BUNDLE_FORMAT,
    version: PROOF_BUNDLE_VERSION,
    chainId,
    registry,
    block: parseRpcHeader(json.block),
    publishers: list(json.publishers, "publishers", (v, at) => {
      if (typeof v !== "string" || !isAddress(v)) throw malformed(`${at} must be an address`);
      return getAddress(v);
    }),
    digests: list(json.digests, "digests", (v, at) => {
      if (!isSha256Digest(v)) throw malformed(`${at} must be a sha256:<64 hex> digest`);
      return v;
    }),
    names: list(json.names, "names", (v, at) => {
      if (typeof v !== "string") throw malformed(`${at} must be a string`);
      return v;
    }),
    accountProof: list(json.accountProof, "accountProof", (v, at) => {
      if (!isHexBytes(v)) throw malformed(`${at} must be hex bytes`);
      return v;
    }),
    storage: list(json.storage, "storage", (v, at) => {
      if (!isRecord(v)) throw malformed(`${at} must be an object`);
      return {
        slot: get(v, "slot", isWord, "a 32-byte hex word", `${at}.`),
        value: get(v, "value", (x): x is Hex => typeof x === "string" && isHex(x, { strict: true }), "hex", `${at}.`),
        proof: list(v.proof, `${at}.proof`, (p, pat) => {
          if (!isHexBytes(p)) throw malformed(`${pat} must be hex bytes`);
          return p;
        }),
      };
    }),
    releases: list(json.releases, "releases", (v, at) => {
      if (!isRecord(v)) throw malformed(`${at} must be an object`);
      return {
        id: BigInt(get(v, "id", isUint, "a decimal string", `${at}.`)),
        publisher: getAddress(
          get(v, "publisher", (x): x is string => typeof x === "string" && isAddress(x), "an address", `${at}.`),
        ),
        name: get(v, "name", (x): x is string => typeof x === "string", "a string", `${at}.`),
        imageId: get(v, "imageId", digestOrNull, "a digest or null", `${at}.`),
        manifestDigest: get(v, "manifestDigest", digestOrNull, "a digest or null", `${at}.`),
        indexDigest: get(v, "indexDigest", digestOrNull, "a digest or null", `${at}.`),
        archiveDigest: get(v, "archiveDigest", digestOrNull, "a digest or null", `${at}.`),
        transactionHash: get(v, "transactionHash", isWord, "a transaction hash", `${at}.`),
      };
    }),
    revocations: list(json.revocations, "revocations", (v, at) => {
      if (!isRecord(v)) throw malformed(`${at} must be an object`);
      return {
        releaseId: BigInt(get(v, "releaseId", isUint, "a decimal string", `${at}.`)),
        reason: get(v, "reason", (x): x is string => typeof x === "string", "a string", `${at}.`),
        blockNumber: BigInt(get(v, "blockNumber", isUint, "a decimal string", `${at}.`)),
        transactionHash: get(v, "transactionHash", isWord, "a transaction hash", `${at}.`),
      };
    }),
  };
}
