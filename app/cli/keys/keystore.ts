// Web3 Secret Storage v3 ("keystore") files, as geth, ethers, Foundry's `cast wallet` and
// MyEtherWallet write them: a private key encrypted with AES-128-CTR under a key derived from
// a passphrase (scrypt or PBKDF2-HMAC-SHA256), with a MAC that tells a wrong passphrase from
// a damaged file. The crypto is @noble's (audited) and viem's keccak256: nothing here is
// hand-rolled beyond reading the JSON.
import { ctr } from "@noble/ciphers/aes.js";
import { pbkdf2Async } from "@noble/hashes/pbkdf2.js";
import { scryptAsync } from "@noble/hashes/scrypt.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { type Address, bytesToHex, getAddress, type Hex, hexToBytes, isAddress, keccak256 } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { itemAt } from "../../image/util/itemAt.ts";

export type KeystoreProblem = "malformed" | "unsupported" | "wrong-passphrase" | "address-mismatch";

/** A keystore that cannot be opened; `problem` says why, the message names the field. */
export class KeystoreError extends Error {
  override readonly name = "KeystoreError";
  readonly problem: KeystoreProblem;
  constructor(problem: KeystoreProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

// Bounds on the work a file may ask for: far above what wallets write (scrypt n = 2^18,
// pbkdf2 c = 262,144), low enough that a hostile file cannot hold the CLI for hours or take
// all memory (scrypt needs 128·n·r bytes; noble refuses more than 1 GiB on its own).
const MAX_SCRYPT_N = 2 ** 20;
const MAX_PBKDF2_C = 10_000_000;

// The derivations yield to the event loop this often, so Ctrl-C still answers; noble's default
// (10 ms) made the standard's pbkdf2 vector 3× slower than without yielding, 100 ms costs ~10%.
const ASYNC_TICK_MS = 100;

type Json = Record<string, unknown>;

const isRecord = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function malformed(field: string, what: string): KeystoreError {
  return new KeystoreError("malformed", `The keystore file is malformed: "${field}" must be ${what}.`);
}

function record(object: Json, key: string, path: string): Json {
  const value = object[key];
  if (!isRecord(value)) throw malformed(path, "an object");
  return value;
}

function hexField(object: Json, key: string, path: string, bytes?: number): Uint8Array {
  const value = object[key];
  const digits = typeof value === "string" ? value.replace(/^0x/i, "") : "";
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(digits) || (bytes !== undefined && digits.length !== bytes * 2)) {
    throw malformed(path, bytes === undefined ? "hex bytes" : `${bytes} bytes of hex`);
  }
  return hexToBytes(`0x${digits}`);
}

function intField(object: Json, key: string, path: string, min: number, max: number): number {
  const value = object[key];
  if (!Number.isSafeInteger(value) || (value as number) < min || (value as number) > max)
    throw malformed(path, `a whole number from ${min} to ${max}`);
  return value as number;
}

/** The derivation the file names, ready to run on a passphrase. */
function keyDerivation(crypto: Json): (passphrase: Uint8Array) => Promise<Uint8Array> {
  const kdf = crypto.kdf;
  const params = record(crypto, "kdfparams", "crypto.kdfparams");
  // The MAC uses bytes 16..32 of the derived key, so anything shorter cannot be checked.
  const dkLen = intField(params, "dklen", "crypto.kdfparams.dklen", 32, 64);
  const salt = hexField(params, "salt", "crypto.kdfparams.salt");
  if (kdf === "scrypt") {
    const N = intField(params, "n", "crypto.kdfparams.n", 2, MAX_SCRYPT_N);
    if ((N & (N - 1)) !== 0) throw malformed("crypto.kdfparams.n", "a power of two");
    const r = intField(params, "r", "crypto.kdfparams.r", 1, 64);
    const p = intField(params, "p", "crypto.kdfparams.p", 1, 64);
    return (passphrase) => scryptAsync(passphrase, salt, { N, r, p, dkLen, asyncTick: ASYNC_TICK_MS });
  }
  if (kdf === "pbkdf2") {
    if (params.prf !== "hmac-sha256")
      throw new KeystoreError(
        "unsupported",
        `The keystore uses PBKDF2 with prf ${JSON.stringify(params.prf)}; only "hmac-sha256" (the standard's) is supported.`,
      );
    const c = intField(params, "c", "crypto.kdfparams.c", 1, MAX_PBKDF2_C);
    return (passphrase) => pbkdf2Async(sha256, passphrase, salt, { c, dkLen, asyncTick: ASYNC_TICK_MS });
  }
  throw new KeystoreError(
    "unsupported",
    `The keystore's key derivation ${JSON.stringify(kdf)} is not supported: only "scrypt" and "pbkdf2" (the standard's) are.`,
  );
}

/** The optional "address" field (geth writes it without 0x), checksummed; null when absent. */
function claimedAddress(value: unknown): Address | null {
  if (value === undefined) return null;
  const text = typeof value === "string" ? (value.startsWith("0x") ? value : `0x${value}`) : "";
  if (!isAddress(text, { strict: false })) throw malformed("address", "an address");
  return getAddress(text);
}

/** Constant-time: how many bytes matched must not leak through timing. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= itemAt(a, i) ^ itemAt(b, i);
  return difference === 0;
}

/**
 * The private key in a keystore file's text. The MAC is checked before anything is decrypted,
 * so a wrong passphrase is reported as one and never yields a wrong key. Passphrases are tried
 * as typed (UTF-8, as geth does) and then NFKC-normalized (as ethers writes them).
 */
export async function decryptKeystore(text: string, passphrase: string): Promise<Hex> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new KeystoreError("malformed", "The keystore file is not JSON.");
  }
  if (!isRecord(json)) throw new KeystoreError("malformed", "The keystore file is not a JSON object.");
  if (json.version !== 3)
    throw new KeystoreError(
      "unsupported",
      `The keystore file is version ${JSON.stringify(json.version)}; only version 3 (Web3 Secret Storage) is supported.`,
    );
  // Older geth and MyEtherWallet write "Crypto".
  const crypto = isRecord(json.crypto) ? json.crypto : record(json, "Crypto", "crypto");
  if (crypto.cipher !== "aes-128-ctr")
    throw new KeystoreError(
      "unsupported",
      `The keystore's cipher ${JSON.stringify(crypto.cipher)} is not supported: only "aes-128-ctr" (the standard's) is.`,
    );
  const iv = hexField(record(crypto, "cipherparams", "crypto.cipherparams"), "iv", "crypto.cipherparams.iv", 16);
  const ciphertext = hexField(crypto, "ciphertext", "crypto.ciphertext", 32);
  const mac = hexField(crypto, "mac", "crypto.mac", 32);
  const claimed = claimedAddress(json.address);
  const derive = keyDerivation(crypto);

  const candidates = [...new Set([passphrase, passphrase.normalize("NFKC")])];
  for (const candidate of candidates) {
    const derivedKey = await derive(new TextEncoder().encode(candidate));
    const expected = hexToBytes(keccak256(new Uint8Array([...derivedKey.subarray(16, 32), ...ciphertext])));
    if (!sameBytes(expected, mac)) continue;
    const privateKey = bytesToHex(ctr(derivedKey.subarray(0, 16), iv).decrypt(ciphertext));
    let owner: Address;
    try {
      owner = privateKeyToAddress(privateKey);
    } catch {
      throw new KeystoreError("malformed", "The keystore decrypts to something that is not a valid private key.");
    }
    if (claimed !== null && claimed !== owner) {
      throw new KeystoreError(
        "address-mismatch",
        `The keystore says it holds the key of ${claimed}, but it decrypts to the key of ${owner}. The file was altered: do not use it.`,
      );
    }
    return privateKey;
  }
  throw new KeystoreError(
    "wrong-passphrase",
    "Wrong passphrase for the keystore (its MAC does not match), or the file is damaged. Nothing was decrypted.",
  );
}
