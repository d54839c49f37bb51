// Whether a signed release's signature is its named signer's, decided as publishBySig decides
// it: a signer with code is asked (EIP-1271 isValidSignature), any other must give a strict
// 65-byte ECDSA signature (low s, v of 27 or 28) that recovers to it.
import {
  type Address,
  encodeFunctionData,
  type Hex,
  hexToBigInt,
  hexToNumber,
  isAddressEqual,
  pad,
  recoverTypedDataAddress,
  size,
  slice,
  zeroAddress,
} from "viem";
import { call, getCode } from "viem/actions";
import { SignedReleaseInvalidError, toAppError } from "./errors.ts";
import type { ReadClient } from "./readClient.ts";
import { releaseDigest, releaseMessage, releaseTypedData } from "./releaseTypedData.ts";
import type { SignedRelease } from "./signedRelease.ts";

/** Half the secp256k1 group order: the contract rejects a larger s (EIP-2). */
const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;
const ECDSA_SIGNATURE_BYTES = 65;
/** What an EIP-1271 account answers for a signature it accepts: `isValidSignature.selector`, as a 32-byte word. */
const ERC1271_MAGIC_VALUE: Hex = "0x1626ba7e";
const erc1271Abi = [
  {
    type: "function",
    name: "isValidSignature",
    stateMutability: "view",
    inputs: [
      { name: "hash", type: "bytes32" },
      { name: "signature", type: "bytes" },
    ],
    outputs: [{ name: "magicValue", type: "bytes4" }],
  },
] as const;

function badSignature(message: string, cause?: unknown): SignedReleaseInvalidError {
  return new SignedReleaseInvalidError("bad-signature", message, cause);
}

/** The typed-data digest the document's signer signed (or its contract account is asked about). */
export function signedReleaseDigest(signed: SignedRelease): Hex {
  return releaseDigest(
    signed.chainId,
    signed.registry,
    releaseMessage(signed.publisher, signed.release, signed.nonce, signed.deadline),
  );
}

/**
 * The address a key's signature recovers to for the document's typed data (the zero address
 * when it recovers to nobody, as ecrecover answers); "bad-signature" for a signature the
 * contract refuses before recovering (wrong length, high s, v other than 27/28).
 */
export async function recoverSignedReleaseSigner(signed: SignedRelease): Promise<Address> {
  const length = size(signed.signature);
  if (length !== ECDSA_SIGNATURE_BYTES) {
    throw badSignature(
      `The signature is ${length} bytes long, but ${signed.signer} is a key (no code on chain), whose signature is 65 bytes (r, s, v). The file is damaged or names the wrong signer: ask for it again.`,
    );
  }
  const s = hexToBigInt(slice(signed.signature, 32, 64));
  const v = hexToNumber(slice(signed.signature, 64, 65));
  if (s > HALF_N || (v !== 27 && v !== 28)) {
    throw badSignature(
      "The signature is not in the form the registry accepts (high s or a v other than 27/28). Use the signature exactly as the signer's wallet made it.",
    );
  }
  const message = releaseMessage(signed.publisher, signed.release, signed.nonce, signed.deadline);
  try {
    return await recoverTypedDataAddress({
      ...releaseTypedData(signed.chainId, signed.registry, message),
      signature: signed.signature,
    });
  } catch {
    // r is not a point's x coordinate: ecrecover finds nobody.
    return zeroAddress;
  }
}

/** Asks a contract account whether it accepts the signature; true only for the exact 32-byte magic word the registry requires. */
async function contractAccepts(client: ReadClient, signer: Address, digest: Hex, signature: Hex): Promise<boolean> {
  try {
    const { data } = await call(client, {
      to: signer,
      data: encodeFunctionData({ abi: erc1271Abi, functionName: "isValidSignature", args: [digest, signature] }),
    });
    return data !== undefined && data.toLowerCase() === pad(ERC1271_MAGIC_VALUE, { dir: "right", size: 32 });
  } catch (error) {
    // A revert is a refusal (the registry's staticcall fails too); an endpoint that did not answer is not.
    const appError = toAppError(error);
    if (appError.kind === "rpc-unreachable" || appError.kind === "timeout") throw appError;
    return false;
  }
}

/** Resolves when publishBySig would accept the document's signature as its signer's; rejects with "bad-signature" otherwise. */
export async function checkSignerSignature(client: ReadClient, signed: SignedRelease): Promise<void> {
  const code = await getCode(client, { address: signed.signer });
  if (code !== undefined && code !== "0x") {
    if (await contractAccepts(client, signed.signer, signedReleaseDigest(signed), signed.signature)) return;
    throw badSignature(
      `The contract account ${signed.signer} did not accept the signature for this release, nonce and deadline (EIP-1271): not enough of its owners signed, or the file was edited after signing. Ask its owners to sign this exact release.`,
    );
  }
  const recovered = await recoverSignedReleaseSigner(signed);
  if (!isAddressEqual(recovered, signed.signer)) {
    throw badSignature(
      recovered === zeroAddress
        ? `The signature recovers to no address, so it is not ${signed.signer}'s. The file is damaged: ask for it again.`
        : `The signature was made by ${recovered}, not by the signer ${signed.signer} (or the file was edited after signing). Ask ${signed.signer} to sign again.`,
    );
  }
}
