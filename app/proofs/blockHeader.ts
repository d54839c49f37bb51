// A block header's hash, recomputed from its fields. An offline verifier is given one block hash
// it trusts; everything else (the state root the storage proofs hang from, the block's number and
// time) must be tied to it by hashing the header's RLP. The field list grows with hard forks: each
// optional field is present from its fork on, and its presence changes the hash, so the header is
// encoded exactly as the chain reported it.
import { type Hex, keccak256, toRlp } from "viem";
import { ProofError } from "./proofErrors.ts";

/** The header as `eth_getBlockByNumber` returns it (hex strings), the fields the hash covers. */
export interface RpcHeader {
  hash: Hex;
  parentHash: Hex;
  sha3Uncles: Hex;
  miner: Hex;
  stateRoot: Hex;
  transactionsRoot: Hex;
  receiptsRoot: Hex;
  logsBloom: Hex;
  difficulty: Hex;
  number: Hex;
  gasLimit: Hex;
  gasUsed: Hex;
  timestamp: Hex;
  extraData: Hex;
  mixHash: Hex;
  nonce: Hex;
  baseFeePerGas?: Hex;
  withdrawalsRoot?: Hex;
  blobGasUsed?: Hex;
  excessBlobGas?: Hex;
  parentBeaconBlockRoot?: Hex;
  requestsHash?: Hex;
}

/** Optional fields in the order the forks appended them (London, Shanghai, Cancun ×3, Prague). */
const OPTIONAL_FIELDS = [
  "baseFeePerGas",
  "withdrawalsRoot",
  "blobGasUsed",
  "excessBlobGas",
  "parentBeaconBlockRoot",
  "requestsHash",
] as const;
const QUANTITIES = new Set<string>([
  "difficulty",
  "number",
  "gasLimit",
  "gasUsed",
  "timestamp",
  "baseFeePerGas",
  "blobGasUsed",
  "excessBlobGas",
]);

const HEX = /^0x[0-9a-f]*$/i;

/** A JSON-RPC quantity as RLP wants an integer: big-endian, no leading zero byte, 0 as no bytes. */
function quantityBytes(field: string, value: Hex): Hex {
  if (!HEX.test(value)) throw new ProofError("header-malformed", `The header's ${field} is not hex: ${value}`);
  const n = BigInt(value);
  if (n === 0n) return "0x";
  const hex = n.toString(16);
  return `0x${hex.length % 2 === 0 ? hex : `0${hex}`}`;
}

function dataBytes(field: string, value: Hex): Hex {
  if (!HEX.test(value) || value.length % 2 !== 0)
    throw new ProofError("header-malformed", `The header's ${field} is not whole bytes of hex: ${value}`);
  return value.toLowerCase() as Hex;
}

/** The header's fields, RLP-ready, in consensus order. */
function headerFields(header: RpcHeader): Hex[] {
  const required: (keyof RpcHeader)[] = [
    "parentHash",
    "sha3Uncles",
    "miner",
    "stateRoot",
    "transactionsRoot",
    "receiptsRoot",
    "logsBloom",
    "difficulty",
    "number",
    "gasLimit",
    "gasUsed",
    "timestamp",
    "extraData",
    "mixHash",
    "nonce",
  ];
  const fields: Hex[] = [];
  for (const field of required) {
    const value = header[field];
    if (value === undefined) throw new ProofError("header-malformed", `The header has no ${field}.`);
    fields.push(QUANTITIES.has(field) ? quantityBytes(field, value) : dataBytes(field, value));
  }
  // An optional field is only valid when every earlier one is present too.
  let missing: string | null = null;
  for (const field of OPTIONAL_FIELDS) {
    const value = header[field];
    if (value === undefined) {
      missing ??= field;
      continue;
    }
    if (missing !== null)
      throw new ProofError(
        "header-malformed",
        `The header has ${field} but not ${missing}, which every chain adds first.`,
      );
    fields.push(QUANTITIES.has(field) ? quantityBytes(field, value) : dataBytes(field, value));
  }
  return fields;
}

/** keccak256 of the header's RLP: the block hash, as every node computes it. */
export function computeBlockHash(header: RpcHeader): Hex {
  return keccak256(toRlp(headerFields(header)));
}

/** Throws unless the header hashes to `trustedHash` (and to the hash it claims). */
export function checkHeader(header: RpcHeader, trustedHash: Hex): void {
  const computed = computeBlockHash(header);
  if (computed.toLowerCase() !== trustedHash.toLowerCase()) {
    throw new ProofError(
      "header-hash-mismatch",
      `The block header hashes to ${computed}, not to the trusted block hash ${trustedHash}.`,
    );
  }
  if (header.hash.toLowerCase() !== computed.toLowerCase()) {
    throw new ProofError(
      "header-hash-mismatch",
      `The block header claims hash ${header.hash} but hashes to ${computed}.`,
    );
  }
}
