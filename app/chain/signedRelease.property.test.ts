// The signed-release file is untrusted input (anyone sends it): properties of its parser
// against references that do not share its code — BigInt's canonical decimal and the uint256
// range the contract takes, Buffer's hex decoding, and the round trip through the serializer.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { bytesToHex, getAddress } from "viem";
import { isAppError } from "./errors.ts";
import { DIGEST_KINDS, type ReleaseInput } from "./release.ts";
import { releaseInputProblems } from "./releaseInput.ts";
import {
  parseSignedRelease,
  SIGNED_RELEASE_FORMAT,
  SIGNED_RELEASE_VERSION,
  type SignedRelease,
  serializeSignedRelease,
} from "./signedRelease.ts";

const UINT256_MAX = 2n ** 256n - 1n;
const address = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((bytes) => getAddress(bytesToHex(bytes)));
const digest = fc
  .uint8Array({ minLength: 32, maxLength: 32 })
  .map((bytes) => `sha256:${Buffer.from(bytes).toString("hex")}` as const);
const release: fc.Arbitrary<ReleaseInput> = fc
  .record({
    name: fc.string({ unit: "grapheme", minLength: 1, maxLength: 80 }),
    imageId: fc.option(digest),
    manifestDigest: fc.option(digest),
    indexDigest: fc.option(digest),
    archiveDigest: fc.option(digest),
  })
  .filter((input) => releaseInputProblems(input).length === 0)
  // fast-check's records have no prototype; the parser's have Object's (deepEqual compares them).
  .map((input) => ({ ...input }));
const signedRelease: fc.Arbitrary<SignedRelease> = fc
  .record({
    format: fc.constant(SIGNED_RELEASE_FORMAT),
    version: fc.constant(SIGNED_RELEASE_VERSION),
    chainId: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    registry: address,
    publisher: address,
    signer: address,
    release,
    nonce: fc.bigInt({ min: 0n, max: UINT256_MAX }),
    deadline: fc.bigInt({ min: 0n, max: UINT256_MAX }),
    signature: fc.uint8Array({ minLength: 1, maxLength: 400 }).map((bytes) => bytesToHex(bytes)),
  })
  .map((doc) => ({ ...doc }));

/** parse's answer as a value: the document, or the refusal's problem; anything else thrown fails the property. */
function outcome(text: string): SignedRelease | string {
  try {
    return parseSignedRelease(text);
  } catch (error) {
    assert.ok(isAppError(error) && error.kind === "signed-release-invalid", `threw something else: ${String(error)}`);
    return error.problem;
  }
}

const fileWith = (doc: SignedRelease, patch: Record<string, unknown>) =>
  JSON.stringify({ ...JSON.parse(serializeSignedRelease(doc)), ...patch });

describe("parseSignedRelease (properties)", () => {
  test("serialize → parse gives the document back, for any valid document", () => {
    fc.assert(
      fc.property(signedRelease, (doc) => assert.deepEqual(parseSignedRelease(serializeSignedRelease(doc)), doc)),
      { numRuns: 500 },
    );
  });

  test("nonce and deadline: accepted exactly when a canonical decimal (BigInt's own spelling) of a uint256", () => {
    const number = fc.oneof(
      fc.bigInt({ min: 0n, max: 2n ** 260n }).map(String),
      fc.stringMatching(/^[-+0-9 .e]{0,80}$/),
      fc.constantFrom(UINT256_MAX.toString(), (UINT256_MAX + 1n).toString(), "00", "01", "-0", "1e3", " 1", ""),
    );
    fc.assert(
      fc.property(signedRelease, number, fc.constantFrom("nonce", "deadline"), (doc, value, key) => {
        const canonical = /^\d+$/.test(value) && BigInt(value).toString() === value && BigInt(value) <= UINT256_MAX;
        const parsed = outcome(fileWith(doc, { [key]: value }));
        assert.deepEqual(parsed, canonical ? { ...doc, [key]: BigInt(value) } : "malformed", value);
      }),
      { numRuns: 1000 },
    );
  });

  test("signature: accepted exactly when 0x and one or more whole bytes of hex (Buffer's decoding)", () => {
    const hex = fc.oneof(fc.stringMatching(/^0x[0-9a-fA-F]{0,140}$/), fc.stringMatching(/^(0x)?[0-9a-fA-Fxg]{0,20}$/));
    fc.assert(
      fc.property(signedRelease, hex, (doc, value) => {
        const body = value.slice(2);
        const bytes = Buffer.from(body, "hex");
        const reference = value.startsWith("0x") && bytes.length > 0 && bytes.toString("hex") === body.toLowerCase();
        const parsed = outcome(fileWith(doc, { signature: value }));
        assert.deepEqual(parsed, reference ? { ...doc, signature: value } : "malformed", value);
      }),
      { numRuns: 1000 },
    );
  });

  test("any JSON in any field, or any text at all: a document or a signed-release refusal, never another error", () => {
    const keys = fc.constantFrom(
      "format",
      "version",
      "chainId",
      "registry",
      "publisher",
      "signer",
      "release",
      "nonce",
      "deadline",
      "signature",
    );
    fc.assert(
      fc.property(
        signedRelease,
        keys,
        fc.jsonValue(),
        (doc, key, value) => void outcome(fileWith(doc, { [key]: value })),
      ),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(signedRelease, fc.constantFrom("name", ...DIGEST_KINDS), fc.jsonValue(), (doc, key, value) => {
        const file = JSON.parse(serializeSignedRelease(doc)) as { release: Record<string, unknown> };
        void outcome(JSON.stringify({ ...file, release: { ...file.release, [key]: value } }));
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string(), (text) => void outcome(text)),
      { numRuns: 1000 },
    );
  });
});
