// The claims document is untrusted input (anyone can serve one): properties of its reader
// against its writer (round trip, one spelling per document) and each refusal by name.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { bytesToHex } from "viem";
import {
  MAX_CLAIM_DOCUMENT_BYTES,
  MAX_CLAIMS_PER_DOCUMENT,
  parseClaimDocument,
  type SignedClaim,
  serializeClaimDocument,
  withClaim,
} from "./claimDocument.ts";
import { ClaimError } from "./claimError.ts";
import { address, registryHost, repository } from "./test/arbitraries.ts";

const PUBLISHER = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const CLAIM: SignedClaim = {
  publisher: PUBLISHER,
  scope: "ghcr.io/acme/api",
  chainId: 31337,
  registry: REGISTRY,
  signature: `0x${"ab".repeat(65)}`,
};

const signedClaim: fc.Arbitrary<SignedClaim> = fc
  .record({
    publisher: address,
    scope: fc.oneof(
      repository.map((r) => r.repository),
      registryHost,
    ),
    chainId: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
    registry: address,
    signature: fc.uint8Array({ minLength: 1, maxLength: 200 }).map((bytes) => bytesToHex(bytes)),
  })
  .map((claim) => ({ ...claim }));
const claims = fc.array(signedClaim, { minLength: 1, maxLength: 4 });

const utf8 = (text: string) => new TextEncoder().encode(text);
const text = (claimsList: readonly SignedClaim[]) => new TextDecoder().decode(serializeClaimDocument(claimsList));

function refusal(bytes: Uint8Array): string {
  try {
    parseClaimDocument(bytes, "imageseal.json");
  } catch (error) {
    assert.ok(error instanceof ClaimError, `not a ClaimError: ${String(error)}`);
    assert.equal(error.reason, "malformed");
    return error.message;
  }
  return assert.fail("the document was accepted");
}

describe("claims document", () => {
  test("serializes to 2-space JSON with fields in a fixed order and a final newline", () => {
    assert.equal(
      text([CLAIM]),
      `{\n  "imageseal": "claims/v1",\n  "claims": [\n    {\n      "publisher": "${PUBLISHER}",\n      "scope": "ghcr.io/acme/api",\n      "chainId": 31337,\n      "registry": "${REGISTRY}",\n      "signature": "0x${"ab".repeat(65)}"\n    }\n  ]\n}\n`,
    );
  });

  test("property: serialize then parse gives the claims back", () => {
    fc.assert(
      fc.property(claims, (list) =>
        assert.deepEqual(parseClaimDocument(serializeClaimDocument(list), "x").claims, list),
      ),
    );
  });

  test("property: every one-byte change of a document is refused or reads as a different document", () => {
    fc.assert(
      fc.property(claims, fc.nat(), fc.integer({ min: 1, max: 255 }), (list, at, delta) => {
        const original = serializeClaimDocument(list);
        const changed = original.slice();
        const position = at % changed.length;
        changed[position] = ((changed[position] ?? 0) + delta) % 256;
        let read: SignedClaim[];
        try {
          read = parseClaimDocument(changed, "x").claims;
        } catch (error) {
          assert.ok(error instanceof ClaimError, String(error));
          return;
        }
        assert.notDeepEqual(read, list);
      }),
      { numRuns: 2000 },
    );
  });

  test("refuses what is written otherwise than imageseal writes it: compact JSON, another field order, a missing newline, a BOM", () => {
    const canonical = text([CLAIM]);
    assert.match(refusal(utf8(JSON.stringify(JSON.parse(canonical)))), /not written exactly as imageseal writes/);
    assert.match(refusal(utf8(canonical.trimEnd())), /not written exactly/);
    assert.match(
      refusal(
        utf8(
          canonical
            .replace('"imageseal": "claims/v1",\n  "claims"', '"claims"')
            .replace("]\n}", '],\n  "imageseal": "claims/v1"\n}'),
        ),
      ),
      /not written exactly/,
    );
    assert.match(refusal(utf8(`\ufeff${canonical}`)), /not a claims document imageseal can read/);
  });

  test("refuses each field out of its form, naming it", () => {
    const cases: [string, RegExp][] = [
      [
        text([CLAIM]).replace(PUBLISHER, PUBLISHER.toLowerCase()),
        /claims\[0\]\.publisher is not a checksummed \(EIP-55\) address/,
      ],
      [text([CLAIM]).replace(REGISTRY, "0x1234"), /claims\[0\]\.registry is not a checksummed/],
      [
        text([CLAIM]).replace('"ghcr.io/acme/api"', '"GHCR.io/acme/api"'),
        /claims\[0\]\.scope is not a normalized repository/,
      ],
      [text([CLAIM]).replace('"ghcr.io/acme/api"', '"ghcr.io/acme/api:1.0"'), /claims\[0\]\.scope is not a normalized/],
      [text([CLAIM]).replace('"ghcr.io/acme/api"', '"acme"'), /claims\[0\]\.scope is not a normalized/],
      [text([CLAIM]).replace("31337", "0"), /claims\[0\]\.chainId is not a chain id/],
      [text([CLAIM]).replace("31337", "31337.0"), /claims\[0\]\.chainId is not a chain id/],
      [text([CLAIM]).replace("31337", '"31337"'), /claims\[0\]\.chainId is not a chain id/],
      [text([CLAIM]).replace("abab", "ABAB"), /claims\[0\]\.signature is not lower-case hex/],
      [
        text([CLAIM]).replace(`"0x${"ab".repeat(65)}"`, '"0x"'),
        /claims\[0\]\.signature is not lower-case hex of 1 to 2048 bytes/,
      ],
      [text([CLAIM]).replace('"scope"', '"Scope"'), /claims\[0\] has the unknown field "Scope"/],
      [text([CLAIM]).replace('"claims/v1"', '"claims/v2"'), /imageseal is not "claims\/v1"/],
      ['{\n  "imageseal": "claims/v1",\n  "claims": []\n}\n', /claims holds 0 claims; a document holds 1 to 16/],
      ['{"imageseal":"claims/v1","claims":[],"claims":[]}', /not a claims document imageseal can read/],
      ["[]", /the document is not an object/],
    ];
    for (const [document, expected] of cases) assert.match(refusal(utf8(document)), expected, document.slice(0, 80));
  });

  test("caps: at most 16 claims and 64 KiB", () => {
    const many = Array.from({ length: MAX_CLAIMS_PER_DOCUMENT + 1 }, () => CLAIM);
    assert.throws(() => serializeClaimDocument(many), /claims holds 17 claims/);
    assert.equal(parseClaimDocument(serializeClaimDocument(many.slice(1)), "x").claims.length, 16);
    const large = new Uint8Array(MAX_CLAIM_DOCUMENT_BYTES + 1).fill(0x20);
    assert.match(refusal(large), /is 65537 bytes; a claims document is at most 65536/);
  });

  test("serialize refuses a claim it could not read back", () => {
    assert.throws(
      () => serializeClaimDocument([{ ...CLAIM, scope: "Acme/api" }]),
      (error) => error instanceof ClaimError && /scope is not a normalized/.test(error.message),
    );
  });

  test("withClaim replaces the same publisher's claim for the same scope, chain and registry, and appends any other", () => {
    const renewed = { ...CLAIM, signature: `0x${"cd".repeat(65)}` } as const;
    const otherChain = { ...CLAIM, chainId: 1 };
    assert.deepEqual(withClaim({ claims: [CLAIM, otherChain] }, renewed), [otherChain, renewed]);
    assert.deepEqual(withClaim(null, CLAIM), [CLAIM]);
  });
});
