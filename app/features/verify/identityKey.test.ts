// The verification cache key: equal for reports a verdict cannot tell apart, different as soon
// as a finding differs, even when there are as many findings.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Problem } from "../../image/report.ts";
import { archive, digest, image } from "../../verdict/test/builders.ts";
import { identityKey } from "./verificationQuery.ts";

const api = image("identity key");
const mismatch = (layer: string): Problem => ({
  code: "blob-digest-mismatch",
  message: `${layer} does not hash to its name`,
  path: layer,
  expected: digest("a"),
  found: digest("b"),
});

describe("identityKey", () => {
  it("is the same for the same identities and findings, and differs when a finding differs but their count does not", () => {
    assert.equal(
      identityKey(archive([api], [mismatch("x/layer.tar")])),
      identityKey(archive([api], [mismatch("x/layer.tar")])),
    );
    assert.notEqual(
      identityKey(archive([api], [mismatch("x/layer.tar")])),
      identityKey(archive([api], [mismatch("y/layer.tar")])),
    );
    assert.notEqual(identityKey(archive([api])), identityKey(archive([api], [], { format: "registry" })));
  });
});
