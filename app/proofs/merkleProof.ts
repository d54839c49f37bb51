// Ethereum's Merkle Patricia trie proofs (what `eth_getProof` returns), checked from a root
// hash down to a key: every node must hash to the reference its parent holds, and the path must
// spell the key. The result is the value stored at the key, or null when the proof shows that
// the key is absent (a branch with no child there, or a leaf/extension that diverges). Anything
// else — a node that does not hash to its reference, a proof that stops early or goes on after
// the answer, a node that is not a branch, leaf or extension — is a ProofError.
import { fromRlp, type Hex, hexToBytes, keccak256 } from "viem";
import { itemAt } from "../image/util/itemAt.ts";
import { ProofError } from "./proofErrors.ts";

type Node = Hex | Node[];

function decodeNode(encoded: Hex, index: number): Node[] {
  let node: unknown;
  try {
    node = fromRlp(encoded, "hex");
  } catch (error) {
    throw new ProofError("proof-node-malformed", `Proof node ${index} is not RLP: ${(error as Error).message}`);
  }
  if (!Array.isArray(node) || (node.length !== 17 && node.length !== 2)) {
    throw new ProofError(
      "proof-node-malformed",
      `Proof node ${index} is neither a branch (17 items) nor a leaf or extension (2 items).`,
    );
  }
  return node as Node[];
}

function nibblesOf(bytes: Uint8Array): number[] {
  const nibbles: number[] = [];
  for (const byte of bytes) nibbles.push(byte >> 4, byte & 0x0f);
  return nibbles;
}

/** A leaf's or extension's hex-prefix path: its nibbles and whether it ends in a value (leaf). */
function decodePath(encoded: Hex, index: number): { nibbles: number[]; leaf: boolean } {
  const nibbles = nibblesOf(hexToBytes(encoded));
  const flag = nibbles[0];
  if (flag === undefined || flag > 3 || ((flag & 1) === 0 && nibbles[1] !== 0)) {
    throw new ProofError("proof-node-malformed", `Proof node ${index} has a malformed path prefix.`);
  }
  return { nibbles: nibbles.slice(flag & 1 ? 1 : 2), leaf: flag >= 2 };
}

/**
 * The value at `key` (the trie key itself: keccak256 of an address or of a storage slot) in the
 * trie whose root hash is `root`, proved by `proof`; null when the proof shows the key absent.
 */
function verifyMerkleProof(root: Hex, key: Hex, proof: readonly Hex[]): Hex | null {
  const path = nibblesOf(hexToBytes(key));
  let at = 0;
  // Either a hash the next proof node must have, or a node embedded in its parent (under 32 bytes).
  let next: { hash: Hex } | { node: Node[] } = { hash: root.toLowerCase() as Hex };
  let index = 0;
  for (;;) {
    let node: Node[];
    if ("hash" in next) {
      const encoded = proof[index];
      if (encoded === undefined)
        throw new ProofError("proof-incomplete", `The proof stops after ${index} nodes, before reaching the key.`);
      if (keccak256(encoded) !== next.hash) {
        throw new ProofError(
          "proof-node-hash-mismatch",
          `Proof node ${index} hashes to ${keccak256(encoded)}, not to ${next.hash}, the reference its parent (or the root) holds.`,
        );
      }
      node = decodeNode(encoded, index);
      index += 1;
    } else {
      node = next.node;
    }
    let child: Node | undefined;
    let value: Hex | null | undefined;
    if (node.length === 17) {
      if (at === path.length) value = asBytes(node[16], index);
      else {
        child = node[itemAt(path, at)];
        at += 1;
      }
    } else {
      const { nibbles, leaf } = decodePath(asBytes(node[0], index), index);
      const matches = nibbles.every((nibble, i) => path[at + i] === nibble);
      if (!matches || (leaf && at + nibbles.length !== path.length)) value = null;
      else if (leaf) value = asBytes(node[1], index);
      else {
        at += nibbles.length;
        child = node[1];
      }
    }
    if (value === undefined) {
      if (child === undefined)
        throw new ProofError("proof-node-malformed", `Proof node ${index} has no child for the key.`);
      if (Array.isArray(child)) next = { node: child };
      else if (child === "0x") value = null;
      else if (hexToBytes(child).length === 32) next = { hash: child };
      else
        throw new ProofError(
          "proof-node-malformed",
          `Proof node ${index} holds a child reference of ${hexToBytes(child).length} bytes.`,
        );
    }
    if (value !== undefined) {
      if (index !== proof.length)
        throw new ProofError(
          "proof-trailing-nodes",
          `The proof has ${proof.length - index} node(s) after the one that answers.`,
        );
      return value === null || value === "0x" ? null : value;
    }
  }
}

function asBytes(item: Node | undefined, index: number): Hex {
  if (typeof item !== "string")
    throw new ProofError("proof-node-malformed", `Proof node ${index} holds a list where bytes belong.`);
  return item;
}

/** RLP bytes (viem gives them as hex), not a list. */
const isBytes = (item: unknown): item is Hex => typeof item === "string";

/** What the state trie holds for an account. */
interface AccountState {
  nonce: bigint;
  balance: bigint;
  storageRoot: Hex;
  codeHash: Hex;
}

/** The account's state from a state-trie proof; null when the proof shows no such account. */
export function verifyAccountProof(stateRoot: Hex, address: Hex, proof: readonly Hex[]): AccountState | null {
  const value = verifyMerkleProof(stateRoot, keccak256(address), proof);
  if (value === null) return null;
  const [nonce, balance, storageRoot, codeHash, ...rest] = fromRlp(value, "hex");
  if (!isBytes(nonce) || !isBytes(balance) || !isBytes(storageRoot) || !isBytes(codeHash) || rest.length > 0) {
    throw new ProofError("account-malformed", "The proved account is not [nonce, balance, storageRoot, codeHash].");
  }
  return {
    nonce: nonce === "0x" ? 0n : BigInt(nonce),
    balance: balance === "0x" ? 0n : BigInt(balance),
    storageRoot,
    codeHash,
  };
}

/** The storage word at `slot` (0 when the proof shows it unset) from a storage-trie proof. */
export function verifyStorageProof(storageRoot: Hex, slot: Hex, proof: readonly Hex[]): bigint {
  const value = verifyMerkleProof(storageRoot, keccak256(slot), proof);
  if (value === null) return 0n;
  const item = fromRlp(value, "hex");
  if (typeof item !== "string")
    throw new ProofError("proof-node-malformed", "The proved storage value is a list, not a word.");
  return item === "0x" ? 0n : BigInt(item);
}
