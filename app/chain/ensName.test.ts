import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createPublicClient, custom } from "viem";
import { hardhat, sepolia } from "viem/chains";
import { chainHasEns, lookupEnsName } from "./actions/lookupEnsName.ts";

// A transport that fails the test if anything is asked: a chain without ENS must not be queried.
const silent = custom({
  request: async ({ method }) => {
    throw new Error(`unexpected RPC call ${method}`);
  },
});

describe("lookupEnsName", () => {
  it("asks nothing on a chain without ENS and answers null", async () => {
    const client = createPublicClient({ chain: hardhat, transport: silent });
    assert.equal(chainHasEns(client), false);
    assert.equal(await lookupEnsName(client, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8"), null);
  });

  it("knows the chains that have ENS", () => {
    assert.equal(chainHasEns(createPublicClient({ chain: sepolia, transport: silent })), true);
  });
});
