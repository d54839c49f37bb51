import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Release } from "../../chain/release.ts";
import { groupByName } from "./groupByName.ts";

function release(id: bigint, name: string): Release {
  return {
    chainId: 31337,
    id,
    name,
    publisher: "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    signer: null,
    valid: true,
    imageId: null,
    manifestDigest: null,
    indexDigest: null,
    archiveDigest: `sha256:${"1".repeat(64)}`,
    publishedAt: 1,
    revokedAt: null,
    blockNumber: 1n,
    transactionHash: `0x${"2".repeat(64)}`,
  };
}

describe("groupByName", () => {
  it("keeps the newest-first order within a name and orders names by their newest release", () => {
    const groups = groupByName([release(5n, "b:2"), release(4n, "a:1"), release(3n, "b:2"), release(1n, "a:1")]);
    assert.deepEqual(
      groups.map(({ name, releases }) => [name, releases.map(({ id }) => id)]),
      [
        ["b:2", [5n, 3n]],
        ["a:1", [4n, 1n]],
      ],
    );
  });

  it("gives no group for no release", () => {
    assert.deepEqual(groupByName([]), []);
  });
});
