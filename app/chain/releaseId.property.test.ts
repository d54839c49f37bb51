// Release ids are typed by people and read from URLs: properties of the readable form against a
// reference that shares none of its code — division and remainder instead of shifts and masks,
// a split on "-" and BigInt's canonical decimal instead of regular expressions.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { formatReleaseId, isReleaseId, parseReleaseId } from "./releaseId.ts";

const TWO_32 = 4_294_967_296n;

/** "12" and not "012", "+12", "1e1", "": the one way BigInt writes the number. */
function canonicalDecimal(part: string): boolean {
  if (part.length === 0 || ![...part].every((c) => "0123456789".includes(c))) return false;
  return BigInt(part).toString() === part;
}

function referenceFormat(id: bigint): string {
  return `${id / TWO_32}-${id % TWO_32}`;
}

function referenceParse(text: string): bigint | null {
  const parts = text.split("-");
  if (!parts.every(canonicalDecimal)) return null;
  if (parts.length === 1) {
    const id = BigInt(text);
    return id >= TWO_32 && id < TWO_32 * TWO_32 ? id : null;
  }
  if (parts.length !== 2) return null;
  const publisherNumber = BigInt(parts[0] ?? "");
  const sequence = BigInt(parts[1] ?? "");
  if (publisherNumber < 1n || publisherNumber >= TWO_32 || sequence >= TWO_32) return null;
  return publisherNumber * TWO_32 + sequence;
}

const publisherNumber = fc.bigInt({ min: 1n, max: TWO_32 - 1n });
const sequence = fc.bigInt({ min: 0n, max: TWO_32 - 1n });
const releaseId = fc.tuple(publisherNumber, sequence).map(([p, s]) => p * TWO_32 + s);
/** Text near the two forms: digits, dashes and the characters people paste around them. */
const nearId = fc
  .array(fc.constantFrom("0", "1", "4", "9", "-", "+", " ", "x", "e", ".", "_", "\n", "٣"), { maxLength: 24 })
  .map((chars) => chars.join(""));
/** A valid id's text (either form), spoiled in one of the ways a hand or a tool spoils it. */
const spoiledEitherForm = fc
  .tuple(
    releaseId,
    fc.boolean(),
    fc.constantFrom<(t: string) => string>(
      (t) => `0${t}`,
      (t) => `+${t}`,
      (t) => `-${t}`,
      (t) => ` ${t}`,
      (t) => `${t} `,
      (t) => `${t}-0`,
      (t) => `0x${t}`,
    ),
  )
  .map(([id, readable, spoil]) => spoil(readable ? referenceFormat(id) : id.toString()));
/** The readable form with its dash spoiled. */
const spoiledDash = fc
  .tuple(releaseId, fc.constantFrom("--", "-0", ".", "_", "–", "/"))
  .map(([id, dash]) => referenceFormat(id).replace("-", dash));
const spoiled = fc.oneof(spoiledEitherForm, spoiledDash);

describe("release ids, readable form", () => {
  test("default: the registry's first ids read as publisher-sequence", () => {
    assert.equal(formatReleaseId(4294967296n), "1-0");
    assert.equal(formatReleaseId(8589934593n), "2-1");
    assert.equal(formatReleaseId(2n ** 64n - 1n), "4294967295-4294967295");
    assert.equal(parseReleaseId("2-1"), 8589934593n);
    assert.equal(parseReleaseId("8589934593"), 8589934593n);
    assert.equal(parseReleaseId("1-4294967296"), null);
    assert.equal(parseReleaseId("0-5"), null);
    assert.equal(parseReleaseId("01-0"), null);
    assert.equal(parseReleaseId(" 1-0"), null);
    assert.equal(parseReleaseId("12"), null);
  });

  test("behavior: formats every registry id as publisherNumber-sequence", () => {
    fc.assert(fc.property(releaseId, (id) => formatReleaseId(id) === referenceFormat(id)));
  });

  test("behavior: parse reads back what format wrote, and the decimal form too", () => {
    fc.assert(
      fc.property(releaseId, (id) => {
        assert.equal(parseReleaseId(formatReleaseId(id)), id);
        assert.equal(parseReleaseId(id.toString()), id);
      }),
    );
  });

  test("behavior: parse agrees with the reference on text near an id", () => {
    fc.assert(
      fc.property(
        fc.oneof(nearId, spoiled, fc.string(), releaseId.map(referenceFormat), releaseId.map(String)),
        (text) => parseReleaseId(text) === referenceParse(text),
      ),
    );
  });

  test("behavior: refuses a spoiled id", () => {
    fc.assert(fc.property(spoiled, (text) => parseReleaseId(text) === null));
  });

  test("behavior: refuses fields outside the registry's 32 bits and publisher 0", () => {
    const big = fc.bigInt({ min: TWO_32, max: 2n ** 80n });
    fc.assert(fc.property(big, sequence, (p, s) => parseReleaseId(`${p}-${s}`) === null));
    fc.assert(fc.property(publisherNumber, big, (p, s) => parseReleaseId(`${p}-${s}`) === null));
    fc.assert(fc.property(sequence, (s) => parseReleaseId(`0-${s}`) === null));
  });

  test("behavior: numbers the registry cannot give are written and refused as plain decimals", () => {
    const outside = fc.oneof(
      fc.bigInt({ min: 0n, max: TWO_32 - 1n }),
      fc.bigInt({ min: TWO_32 * TWO_32, max: 2n ** 256n }),
    );
    fc.assert(
      fc.property(outside, (id) => {
        assert.equal(isReleaseId(id), false);
        assert.equal(formatReleaseId(id), id.toString());
        assert.equal(parseReleaseId(id.toString()), null);
      }),
    );
  });
});
