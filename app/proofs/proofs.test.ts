// The proof checks against a real chain: Hardhat's EDR answers eth_getProof and block headers
// exactly as a public node does. Every proved value must equal eth_getStorageAt; every header
// must hash to its block hash; and any one-byte change to any proof node must be refused.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { type Hex, keccak256, pad, toHex } from "viem";
import { publishRelease } from "../chain/actions/publishRelease.ts";
import { imageRelease, startTestChain, type TestChain } from "../chain/test/testChain.ts";
import { itemAt } from "../image/util/itemAt.ts";
import { checkHeader, computeBlockHash, type RpcHeader } from "./blockHeader.ts";
import { verifyAccountProof, verifyStorageProof } from "./merkleProof.ts";
import { ProofError } from "./proofErrors.ts";

/** The empty trie's root: an account without storage has it. */
const EMPTY_TRIE_ROOT: Hex = "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421";

interface RpcProof {
  storageHash: Hex;
  accountProof: Hex[];
  storageProof: { key: Hex; value: Hex; proof: Hex[] }[];
}

let chain: TestChain;

async function rpc<T>(method: string, params: unknown[]): Promise<T> {
  const response = await fetch(chain.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: T; error?: { message: string } };
  if (body.result === undefined) throw new Error(`${method}: ${body.error?.message ?? "no result"}`);
  return body.result;
}

/** Slots that hold something (mapping entries of the accounts that published) and slots that do not. */
function slotsToProve(): Hex[] {
  const accountsSlot = 1n;
  const filled = chain.accounts
    .slice(0, 4)
    .map((account) => keccak256(`0x${pad(account).slice(2)}${pad(toHex(accountsSlot)).slice(2)}`));
  return [pad("0x0"), ...filled, pad("0x7777"), keccak256("0x1234")];
}

before(async () => {
  chain = await startTestChain();
  for (let i = 0; i < 4; i++) {
    await publishRelease(
      { publicClient: chain.publicClient, walletClient: chain.wallet(i) },
      chain.registry,
      imageRelease(`docker.io/acme/app${i}:1`, `app ${i}`),
    );
  }
});
after(() => chain.close());

describe("block headers", () => {
  it("hash to the block hash the node reports, for every block of the chain", async () => {
    const head = Number(await chain.publicClient.getBlockNumber());
    for (let n = 0; n <= head; n++) {
      const header = await rpc<RpcHeader>("eth_getBlockByNumber", [toHex(n), false]);
      assert.equal(computeBlockHash(header), header.hash);
      checkHeader(header, header.hash);
    }
  });

  it("refuse a trusted hash that is not the header's, and a header with one field changed", async () => {
    const header = await rpc<RpcHeader>("eth_getBlockByNumber", ["latest", false]);
    const parent = await rpc<RpcHeader>("eth_getBlockByNumber", [toHex(BigInt(header.number) - 1n), false]);
    assert.throws(
      () => checkHeader(header, parent.hash),
      (e: unknown) => e instanceof ProofError && e.problem === "header-hash-mismatch",
    );
    const forged = { ...header, stateRoot: parent.stateRoot };
    assert.throws(
      () => checkHeader(forged, header.hash),
      (e: unknown) => e instanceof ProofError && e.problem === "header-hash-mismatch",
    );
  });
});

describe("state and storage proofs", () => {
  it("prove the registry account and every storage word asked for, equal to eth_getStorageAt", async () => {
    const header = await rpc<RpcHeader>("eth_getBlockByNumber", ["latest", false]);
    const slots = slotsToProve();
    const proof = await rpc<RpcProof>("eth_getProof", [chain.registry, slots, header.number]);
    const account = verifyAccountProof(header.stateRoot, chain.registry, proof.accountProof);
    assert.ok(account !== null);
    assert.equal(account.storageRoot, proof.storageHash);
    let nonZero = 0;
    for (const [i, slot] of slots.entries()) {
      const entry = proof.storageProof[i];
      assert.ok(entry !== undefined);
      const value = verifyStorageProof(account.storageRoot, slot, entry.proof);
      const stored = BigInt(await rpc<Hex>("eth_getStorageAt", [chain.registry, slot, header.number]));
      assert.equal(value, stored, `slot ${slot}`);
      if (value !== 0n) nonZero += 1;
    }
    assert.equal(nonZero, 5, "slot 0 and the four publishers' account words are set; the other two are not");
  });

  it("prove an address with no account absent", async () => {
    const header = await rpc<RpcHeader>("eth_getBlockByNumber", ["latest", false]);
    const nobody: Hex = "0x00000000000000000000000000000000000d0d0d";
    const proof = await rpc<RpcProof>("eth_getProof", [nobody, [], header.number]);
    assert.equal(verifyAccountProof(header.stateRoot, nobody, proof.accountProof), null);
    assert.equal(proof.storageHash, EMPTY_TRIE_ROOT);
  });

  it("refuse any proof with one byte changed, a node dropped or a node added", async () => {
    const header = await rpc<RpcHeader>("eth_getBlockByNumber", ["latest", false]);
    const slots = slotsToProve();
    const proof = await rpc<RpcProof>("eth_getProof", [chain.registry, slots, header.number]);
    const account = verifyAccountProof(header.stateRoot, chain.registry, proof.accountProof);
    assert.ok(account !== null);
    const cases = proof.storageProof
      .map((entry, i) => ({ slot: itemAt(slots, i), nodes: entry.proof }))
      .filter((c) => c.nodes.length > 0);
    const refused = (run: () => unknown) => {
      try {
        run();
        return false;
      } catch (error) {
        return error instanceof ProofError;
      }
    };
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.nat(), fc.integer({ min: 1, max: 255 }), (which, node, byte, xor) => {
        const target = cases[which % cases.length];
        if (target === undefined) return;
        const nodes = [...target.nodes];
        const n = node % nodes.length;
        const bytes = Buffer.from(itemAt(nodes, n).slice(2), "hex");
        const at = byte % bytes.length;
        bytes[at] = itemAt(bytes, at) ^ xor;
        nodes[n] = `0x${bytes.toString("hex")}`;
        assert.ok(
          refused(() => verifyStorageProof(account.storageRoot, target.slot, nodes)),
          `node ${n} byte ${at}`,
        );
      }),
      { numRuns: 500 },
    );
    for (const target of cases) {
      assert.throws(
        () => verifyStorageProof(account.storageRoot, target.slot, target.nodes.slice(0, -1)),
        (e: unknown) => e instanceof ProofError && e.problem === "proof-incomplete",
      );
      assert.throws(
        () => verifyStorageProof(account.storageRoot, target.slot, [...target.nodes, itemAt(target.nodes, 0)]),
        (e: unknown) => e instanceof ProofError && e.problem === "proof-trailing-nodes",
      );
    }
    const mutatedAccount = [...proof.accountProof];
    const last = mutatedAccount.length - 1;
    const leaf = Buffer.from(itemAt(mutatedAccount, last).slice(2), "hex");
    leaf[leaf.length - 1] = itemAt(leaf, leaf.length - 1) ^ 1;
    mutatedAccount[last] = `0x${leaf.toString("hex")}`;
    assert.throws(() => verifyAccountProof(header.stateRoot, chain.registry, mutatedAccount), ProofError);
  });
});
