import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import type { Delegation } from "../../chain/actions/getDelegation.ts";
import { delegationProblems } from "./delegationScope.ts";

const PUBLISHER = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";
const KEY = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const NOW = 1_800_000_000;
const delegation: Delegation = {
  publisher: PUBLISHER,
  delegate: KEY,
  namePrefix: "docker.io/acme/",
  since: 5n,
  expiresAt: NOW + 100,
  revokedAt: null,
  active: true,
};

describe("delegationProblems", () => {
  test("names inside the prefix pass; one outside is refused in a sentence naming the prefix and the publisher", () => {
    assert.deepEqual(
      delegationProblems(PUBLISHER, KEY, delegation, ["docker.io/acme/api:1", "docker.io/acme/web:2"], NOW),
      [],
    );
    assert.deepEqual(delegationProblems(PUBLISHER, KEY, delegation, ["docker.io/acme-evil/api:1"], NOW), [
      `“docker.io/acme-evil/api:1” does not start with “docker.io/acme/”, so your key may not publish it for ${PUBLISHER}: use a name under that prefix.`,
    ]);
  });

  test("no delegation, a revoked one and an expired one are each refused", () => {
    assert.deepEqual(delegationProblems(PUBLISHER, KEY, null, ["x"], NOW), [
      `Your account ${KEY} holds no delegation from ${PUBLISHER}: the publisher must authorize it on its Publisher page first.`,
    ]);
    assert.deepEqual(
      delegationProblems(
        PUBLISHER,
        KEY,
        { ...delegation, revokedAt: 1_700_000_000, active: false },
        ["docker.io/acme/a"],
        NOW,
      ),
      [`${PUBLISHER} revoked your key's delegation on 2023-11-14 22:13:20 UTC: it can no longer publish for them.`],
    );
    assert.equal(
      delegationProblems(PUBLISHER, KEY, { ...delegation, active: false }, ["docker.io/acme/a"], NOW).length,
      1,
    );
  });

  test("the prefix check is the contract's: the prefix's UTF-8 bytes begin the name's (property, against Buffer)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.string({ unit: "grapheme" }), (prefix, name) => {
        const expected =
          Buffer.from(name, "utf8").subarray(0, Buffer.byteLength(prefix)).equals(Buffer.from(prefix, "utf8")) &&
          Buffer.byteLength(prefix) <= Buffer.byteLength(name);
        assert.equal(
          delegationProblems(PUBLISHER, KEY, { ...delegation, namePrefix: prefix }, [name], NOW).length === 0,
          expected,
        );
        assert.equal(
          delegationProblems(PUBLISHER, KEY, { ...delegation, namePrefix: prefix }, [prefix + name], NOW).length,
          0,
        );
      }),
      { numRuns: 2000 },
    );
  });
});
