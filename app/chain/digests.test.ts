import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { zeroHash } from "viem";
import { bytes32ToDigest, digestToBytes32, InvalidDigestError } from "./digests.ts";
import { releaseInputProblems, releaseInputToChain } from "./releaseInput.ts";

const DIGEST = "sha256:95adec1d2026fe705a6ea31e6b2756e9332326d4df200f3ae4004bf0bacc9720";
const BYTES32 = "0x95adec1d2026fe705a6ea31e6b2756e9332326d4df200f3ae4004bf0bacc9720";

describe("digests", () => {
  test("sha256:<hex> ⇄ bytes32, null ⇄ zero", () => {
    assert.equal(digestToBytes32(DIGEST), BYTES32);
    assert.equal(bytes32ToDigest(BYTES32), DIGEST);
    assert.equal(
      bytes32ToDigest(BYTES32.toUpperCase().replace("0X", "0x") as `0x${string}`),
      DIGEST,
      "hex case does not matter",
    );
    assert.equal(digestToBytes32(null), zeroHash);
    assert.equal(bytes32ToDigest(zeroHash), null);
  });

  test("rejects what is not a sha256 digest, and the zero digest (it means none)", () => {
    assert.throws(() => digestToBytes32("sha256:abc" as never), InvalidDigestError);
    assert.throws(() => digestToBytes32(`sha512:${"a".repeat(64)}` as never), InvalidDigestError);
    assert.throws(() => digestToBytes32(`sha256:${"0".repeat(64)}`), /pass null/);
    assert.throws(() => bytes32ToDigest("0x1234"), InvalidDigestError);
  });
});

describe("releaseInputProblems mirrors the contract's rules", () => {
  const ok = {
    name: "docker.io/acme/api:1.4.2",
    imageId: DIGEST,
    manifestDigest: null,
    indexDigest: null,
    archiveDigest: null,
  } as const;

  test("a name and one digest is enough", () => {
    assert.deepEqual(releaseInputProblems(ok), []);
    assert.deepEqual(releaseInputToChain(ok), {
      name: ok.name,
      imageId: BYTES32,
      manifestDigest: zeroHash,
      indexDigest: zeroHash,
      archiveDigest: zeroHash,
    });
  });

  test("names: empty, over 255 bytes (counted in UTF-8), control characters", () => {
    assert.deepEqual(releaseInputProblems({ ...ok, name: "" }), ["The name is empty."]);
    assert.deepEqual(releaseInputProblems({ ...ok, name: "é".repeat(128) }), [
      "The name is 256 bytes long; at most 255 are allowed.",
    ]);
    assert.deepEqual(releaseInputProblems({ ...ok, name: `${"é".repeat(127)}a` }), []);
    assert.deepEqual(releaseInputProblems({ ...ok, name: "a\tb" }), ["The name holds a control character at byte 1."]);
    assert.deepEqual(releaseInputProblems({ ...ok, name: "ab\x7f" }), [
      "The name holds a control character at byte 2.",
    ]);
  });

  test("digests: none, malformed, zero", () => {
    assert.match(releaseInputProblems({ ...ok, imageId: null }).join(), /names no digest/);
    assert.deepEqual(releaseInputProblems({ ...ok, manifestDigest: "sha256:xyz" as never }), [
      "The manifestDigest is not a sha256:<64 hex> digest.",
    ]);
    assert.deepEqual(releaseInputProblems({ ...ok, archiveDigest: `sha256:${"0".repeat(64)}` }), [
      'The archiveDigest is all zeros, which means "none" on chain.',
    ]);
  });
});
