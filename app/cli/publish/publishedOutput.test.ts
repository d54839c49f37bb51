import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { TransactionReceipt } from "viem";
import { hardhat } from "viem/chains";
import { release } from "../../verdict/test/builders.ts";
import { publishedJson, publishedLines } from "./publishedOutput.ts";

const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const CI_KEY = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const TX = `0x${"ab".repeat(32)}` as const;
const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

function outcome() {
  const releases = [
    release({ publisher: ALICE, name: "docker.io/acme/api:1.0", id: 4294967296n }),
    release({ publisher: ALICE, signer: CI_KEY, name: "docker.io/acme/api:1.1", id: 8589934593n }),
  ];
  const receipt = { blockNumber: 12n, gasUsed: 90_000n } as TransactionReceipt;
  return { releaseIds: releases.map((r) => r.id), releases, transactionHash: TX, receipt };
}

describe("publish and submit output", () => {
  test("behavior: people read each release id as publisher-sequence", () => {
    assert.deepEqual(publishedLines(outcome(), hardhat), [
      `Published 2 releases in block 12, transaction ${TX}.`,
      `  release 1-0  docker.io/acme/api:1.0  (publisher ${ALICE})`,
      `  release 2-1  docker.io/acme/api:1.1  (publisher ${ALICE}, signed by delegate key ${CI_KEY})`,
    ]);
  });

  test("behavior: --json keeps the ids as decimal strings, for machines", () => {
    const json = publishedJson("publish", outcome(), hardhat, REGISTRY);
    assert.deepEqual(
      json.releases.map((r) => r.id),
      ["4294967296", "8589934593"],
    );
    assert.equal(json.blockNumber, "12");
  });
});
