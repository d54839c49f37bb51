// Where ImageRegistry keeps each word, and what the bits of each word mean: the contract's
// storage layout (contracts/ImageRegistry.sol, "STORAGE") written once in TypeScript. An
// offline verifier reads proved storage words through this module only; registryLayout.test.ts
// checks every function here against the contract's own views on a real chain, so a change to
// the contract's layout fails the tests instead of misreading proofs.
import { type Address, concat, encodeAbiParameters, getAddress, type Hex, keccak256, numberToHex, pad } from "viem";

/** The state variables' slots, in declaration order. */
const SLOTS = {
  nextPublisherNumber: 0n,
  accounts: 1n,
  records: 2n,
  digestHeads: 3n,
  digestTails: 4n,
  nameHeads: 5n,
  nameTails: 6n,
  latestIdByClaim: 7n,
  publisherDigestHeads: 8n,
  publisherDigestTails: 9n,
  signers: 10n,
  delegations: 11n,
} as const;

const WORD32 = 0xffffffffn;
const WORD64 = 0xffffffffffffffffn;
export const DIGEST_HEAD_IDS = 2;
export const NAME_HEAD_SEQUENCES = 3;
export const SEQUENCES_PER_WORD = 8;
export const PUBLISHER_DIGEST_HEAD_SEQUENCES = 7;
const DIGEST_TAG_SHIFT = 160n;
const NAME_TAG_SHIFT = 128n;

const word = (value: bigint | Hex): Hex =>
  typeof value === "bigint" ? numberToHex(value, { size: 32 }) : pad(value, { size: 32 });

/** The slot of `mapping[key]` for a mapping declared at `slot` (Solidity: keccak256(key . slot)). */
function mappingSlot(key: bigint | Hex, slot: bigint | Hex): Hex {
  return keccak256(concat([word(key), word(slot)]));
}

export function slotPlus(slot: Hex, offset: bigint): Hex {
  return numberToHex((BigInt(slot) + offset) % 2n ** 256n, { size: 32 });
}

export const accountSlot = (publisher: Address) => mappingSlot(publisher, SLOTS.accounts);
export const recordSlot = (id: bigint) => mappingSlot(id, SLOTS.records);
export const signerSlot = (id: bigint) => mappingSlot(id, SLOTS.signers);
export const digestHeadSlot = (digest: Hex) => mappingSlot(digest, SLOTS.digestHeads);
export const nameHeadSlot = (nameKey: Hex) => mappingSlot(nameKey, SLOTS.nameHeads);
export const nameTailSlot = (nameKey: Hex, index: bigint) => mappingSlot(index, mappingSlot(nameKey, SLOTS.nameTails));
export const claimMapSlot = (claimKey: Hex) => mappingSlot(claimKey, SLOTS.latestIdByClaim);
export const publisherDigestHeadSlot = (key: Hex) => mappingSlot(key, SLOTS.publisherDigestHeads);
export const publisherDigestTailSlot = (key: Hex, index: bigint) =>
  mappingSlot(index, mappingSlot(key, SLOTS.publisherDigestTails));
/** A DelegationRecord's first slot (since | expiresAt | revokedAt); its namePrefix string is the next. */
export const delegationSlot = (publisher: Address, delegate: Address) =>
  mappingSlot(delegate, mappingSlot(publisher, SLOTS.delegations));

/** keccak256(abi.encode(publisher, nameHash)): the key of a publisher's list of one name. */
export function nameKeyOf(publisher: Address, nameHash: Hex): Hex {
  return keccak256(encodeAbiParameters([{ type: "address" }, { type: "bytes32" }], [publisher, nameHash]));
}

/** keccak256(abi.encode(publisher, digest, 1)): the key of a publisher's overflow list of one digest. */
export function publisherDigestKeyOf(publisher: Address, digest: Hex): Hex {
  return keccak256(
    encodeAbiParameters([{ type: "address" }, { type: "bytes32" }, { type: "uint256" }], [publisher, digest, 1n]),
  );
}

/** keccak256(abi.encode(nameKey, digests)): one publisher's claim of a name for exactly these digests. */
export function claimKeyOf(nameKey: Hex, digests: readonly [Hex, Hex, Hex, Hex]): Hex {
  return keccak256(encodeAbiParameters([{ type: "bytes32" }, { type: "bytes32[4]" }], [nameKey, digests]));
}

interface AccountWord {
  number: bigint;
  releaseCount: bigint;
  nonce: bigint;
}

export function decodeAccount(value: bigint): AccountWord {
  return { number: value & WORD32, releaseCount: (value >> 32n) & WORD32, nonce: value >> 64n };
}

interface RecordWord {
  publisher: Address;
  publishedAt: bigint;
  revokedAt: bigint;
  blockNumber: bigint;
}

export function decodeRecord(value: bigint): RecordWord {
  return {
    publisher: decodeAddress(value),
    publishedAt: (value >> 160n) & WORD32,
    revokedAt: (value >> 192n) & WORD32,
    blockNumber: value >> 224n,
  };
}

export function decodeAddress(value: bigint): Address {
  return getAddress(numberToHex(value & ((1n << 160n) - 1n), { size: 20 }));
}

export const releaseIdOf = (publisherNumber: bigint, sequence: bigint) => (publisherNumber << 32n) | sequence;
export const listCount = (head: bigint) => head & WORD32;
export const digestHeadEntry = (head: bigint, position: number) => (head >> (32n + 64n * BigInt(position))) & WORD64;
export const sequenceEntry = (word: bigint, position: number) => (word >> (32n * BigInt(position))) & WORD32;
/** A head keeps entries from bit 32: sequence `position` of a name or publisher-digest head. */
export const headSequence = (head: bigint, position: number) => (head >> (32n + 32n * BigInt(position))) & WORD32;
export const sameDigestTag = (head: bigint, claimKey: Hex) => (head ^ BigInt(claimKey)) >> DIGEST_TAG_SHIFT === 0n;
export const sameNameTag = (head: bigint, claimKey: Hex) => (head ^ BigInt(claimKey)) >> NAME_TAG_SHIFT === 0n;

interface DelegationWords {
  since: bigint;
  expiresAt: bigint;
  revokedAt: bigint;
}

export function decodeDelegation(value: bigint): DelegationWords {
  return { since: value & WORD32, expiresAt: (value >> 32n) & WORD32, revokedAt: (value >> 64n) & WORD32 };
}
