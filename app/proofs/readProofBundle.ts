// Checks a proof bundle with nothing but the file and what the user trusts: the block hash (from
// a source they trust), the chain and the registry address. The header must hash to the trusted
// hash; the registry's account must be proved under the header's state root; every storage word
// under the account's storage root. What comes out is a RegistryState that answers only from
// proved words: asking for a word the bundle does not prove is an "incomplete" error, never a zero.
import { type Address, type Hex, hexToBigInt, isAddressEqual } from "viem";
import { checkHeader } from "./blockHeader.ts";
import { BundleError } from "./bundleError.ts";
import { verifyAccountProof, verifyStorageProof } from "./merkleProof.ts";
import type { ProofBundle } from "./proofBundle.ts";
import { ProofError } from "./proofErrors.ts";
import { RegistryState } from "./registryState.ts";

interface TrustedAnchor {
  /** The block hash the user trusts (from an explorer, a node of their own, a colleague). */
  blockHash: Hex;
  chainId: number;
  registry: Address;
}

export interface ProvedRegistry {
  bundle: ProofBundle;
  state: RegistryState;
  blockNumber: bigint;
  /** Unix seconds of the proved block: "as of" for every answer. */
  timestamp: number;
}

function proofFailure(error: unknown, what: string): never {
  if (error instanceof ProofError)
    throw new BundleError(
      error.problem === "header-hash-mismatch" ? "untrusted-block" : "proof-invalid",
      `${what}: ${error.message}`,
      error,
    );
  throw error;
}

export function readProofBundle(bundle: ProofBundle, anchor: TrustedAnchor): ProvedRegistry {
  if (bundle.chainId !== anchor.chainId) {
    throw new BundleError(
      "wrong-chain",
      `This bundle was made on chain ${bundle.chainId}, not on chain ${anchor.chainId}.`,
    );
  }
  if (!isAddressEqual(bundle.registry, anchor.registry)) {
    throw new BundleError(
      "wrong-registry",
      `This bundle proves registry ${bundle.registry}, not registry ${anchor.registry}.`,
    );
  }
  try {
    checkHeader(bundle.block, anchor.blockHash);
  } catch (error) {
    proofFailure(error, "The bundle's block is not the trusted block");
  }
  let storageRoot: Hex;
  try {
    const account = verifyAccountProof(bundle.block.stateRoot, bundle.registry, bundle.accountProof);
    if (account === null)
      throw new BundleError(
        "no-registry",
        `The proof shows no account at ${bundle.registry} in block ${hexToBigInt(bundle.block.number)}: no registry is deployed there.`,
      );
    storageRoot = account.storageRoot;
  } catch (error) {
    proofFailure(error, "The registry's account proof does not hold");
  }
  const words = new Map<string, bigint>();
  for (const entry of bundle.storage) {
    let value: bigint;
    try {
      value = verifyStorageProof(storageRoot, entry.slot, entry.proof);
    } catch (error) {
      proofFailure(error, `The proof of storage slot ${entry.slot} does not hold`);
    }
    if (value !== hexToBigInt(entry.value)) {
      throw new BundleError(
        "proof-invalid",
        `Storage slot ${entry.slot} is proved to hold ${value}, but the bundle says ${hexToBigInt(entry.value)}.`,
      );
    }
    words.set(entry.slot.toLowerCase(), value);
  }
  const state = new RegistryState(async (slot) => {
    const value = words.get(slot.toLowerCase());
    if (value === undefined)
      throw new BundleError(
        "incomplete",
        `The bundle does not prove storage slot ${slot}, which this verification needs: make the bundle for these publishers, digests and names.`,
      );
    return value;
  });
  return {
    bundle,
    state,
    blockNumber: hexToBigInt(bundle.block.number),
    timestamp: Number(hexToBigInt(bundle.block.timestamp)),
  };
}
