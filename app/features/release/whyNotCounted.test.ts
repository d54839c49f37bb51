import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Delegation } from "../../chain/actions/getDelegation.ts";
import { whyNotCounted } from "./whyNotCounted.ts";

const KEY = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const release = { signer: KEY, valid: false, revokedAt: null, blockNumber: 10n } as const;
const delegation: Delegation = {
  publisher: "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266",
  delegate: KEY,
  namePrefix: "docker.io/acme/",
  since: 5n,
  expiresAt: 1_800_000_000,
  revokedAt: null,
  active: true,
};

describe("whyNotCounted", () => {
  test("says nothing for a valid, a revoked or an own release", () => {
    assert.equal(whyNotCounted({ ...release, valid: true }), null);
    assert.equal(whyNotCounted({ ...release, revokedAt: 1 }), null);
    assert.equal(whyNotCounted({ ...release, signer: null }), null);
  });

  test("names the cause when the delegation is known: revoked, expired, granted anew after the release", () => {
    assert.equal(
      whyNotCounted(release, { ...delegation, revokedAt: 1_700_000_000, active: false }),
      "It does not count: the publisher revoked the key's delegation on 2023-11-14 22:13:20 UTC.",
    );
    assert.equal(
      whyNotCounted(release, { ...delegation, active: false }),
      "It does not count: the key's delegation expired on 2027-01-15 08:00:00 UTC.",
    );
    assert.equal(
      whyNotCounted(release, { ...delegation, since: 11n }),
      "It does not count: the key's delegation was granted anew in block 11, after this release (block 10); a new grant does not bring earlier releases back.",
    );
  });

  test("without the delegation, says revoked or expired", () => {
    assert.equal(
      whyNotCounted(release),
      "It does not count: the delegation of the key that published it was revoked or has expired.",
    );
  });
});
