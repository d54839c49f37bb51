import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { NameClaim } from "../../chain/actions/findNameClaims.ts";
import { NO_TRUST } from "../../verdict/test/builders.ts";
import type { Trust } from "../../verdict/trust.ts";
import { namePublishers, nameTrust } from "./namePublishers.ts";

const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const BOB = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
const MALLORY = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
const NAME = "docker.io/acme/api:1.0";

const claim = (
  publisher: NameClaim["publisher"],
  releaseIds: bigint[],
  firstBlock: bigint,
  name = NAME,
): NameClaim => ({
  name,
  publisher,
  releaseIds,
  firstBlock,
  lastBlock: firstBlock + 10n,
});

describe("name page rows", () => {
  test("default: one row per publisher, in order of first release, counting releases and naming the newest", () => {
    const rows = namePublishers(
      [claim(MALLORY, [8589934592n], 3n), claim(BOB, [12884901888n, 12884901889n], 5n)],
      NO_TRUST,
    );
    assert.deepEqual(rows, [
      {
        publisher: MALLORY,
        name: NAME,
        trust: "none",
        releaseCount: 1,
        newestId: 8589934592n,
        newestBlock: 13n,
        firstBlock: 3n,
      },
      {
        publisher: BOB,
        name: NAME,
        trust: "none",
        releaseCount: 2,
        newestId: 12884901889n,
        newestBlock: 15n,
        firstBlock: 5n,
      },
    ]);
  });

  test("behavior: publishers the user trusts come first, however late they published", () => {
    const trust: Trust = { publishers: [], pins: [{ name: NAME, publisher: ALICE }] };
    const rows = namePublishers([claim(MALLORY, [8589934592n], 3n), claim(ALICE, [4294967296n], 9n)], trust);
    assert.deepEqual(
      rows.map((r) => [r.publisher, r.trust]),
      [
        [ALICE, "this-name"],
        [MALLORY, "none"],
      ],
    );
  });

  test("behavior: trust for every name, for this name (any spelling), through a scope, or none", () => {
    const trust: Trust = {
      publishers: [BOB],
      pins: [{ name: "acme/api:1.0", publisher: ALICE }],
      namespaces: ["docker.io/acme"],
    };
    assert.equal(nameTrust(trust, BOB, NAME), "any-name");
    assert.equal(nameTrust(trust, ALICE, NAME), "this-name");
    assert.equal(nameTrust(trust, MALLORY, NAME), "scope");
    assert.equal(nameTrust(trust, MALLORY, "ghcr.io/other/api:1.0"), "none");
  });
});
