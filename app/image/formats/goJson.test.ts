import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { AmbiguousJsonError, MetadataError } from "../errors.ts";
import { MAX_JSON_DEPTH } from "../limits.ts";
import { decodeJson } from "./decodeJson.ts";
import { decodeGoJson, GoJsonError, JsonNumber, type JsonValue } from "./goJson.ts";

const bytes = (text: string) => new TextEncoder().encode(text);
const refusal = (text: string | Uint8Array) => {
  try {
    decodeJson(typeof text === "string" ? bytes(text) : text, "doc.json");
  } catch (error) {
    if (error instanceof AmbiguousJsonError) return { ambiguous: error.construct, reason: error.reason };
    if (error instanceof MetadataError) return { invalid: error.reason };
    throw error;
  }
  return null;
};

/** JsonNumber → the number JSON.parse gives for its lexeme, so the two decoders compare. */
function asJsonParse(value: JsonValue): unknown {
  if (value instanceof JsonNumber) return Number(value.lexeme);
  if (Array.isArray(value)) return value.map(asJsonParse);
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asJsonParse(v)]));
  return value;
}

describe("decodeGoJson: what it reads", () => {
  test("reads every JSON type, with escapes and surrogate pairs", () => {
    assert.deepEqual(decodeGoJson(' {"a":[1,-2,true,false,null,"x\\n\\u00e9\\ud83d\\ude00\\/"],"b":{}} \r\n'), {
      a: [1, -2, true, false, null, "x\né😀/"],
      b: {},
    });
  });

  test("plain safe integers are numbers; fractions, exponents and big integers stay lexemes", () => {
    assert.deepEqual(decodeGoJson("[0, -0, 9007199254740991, 9007199254740992, 1.0, 1e3, -2E-1]"), [
      0,
      -0,
      9007199254740991,
      new JsonNumber("9007199254740992"),
      new JsonNumber("1.0"),
      new JsonNumber("1e3"),
      new JsonNumber("-2E-1"),
    ]);
  });

  test('"__proto__" is an ordinary key, as in JSON.parse', () => {
    const value = decodeGoJson('{"__proto__":{"polluted":1}}') as Record<string, unknown>;
    assert.deepEqual(Object.keys(value), ["__proto__"]);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.equal((value as { polluted?: unknown }).polluted, undefined);
  });
});

describe("decodeJson: what Go reads otherwise is ambiguous", () => {
  test("a UTF-8 byte order mark (Go refuses it; TextDecoder would skip it)", () => {
    assert.deepEqual(refusal(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes("[]")])), {
      ambiguous: "json",
      reason:
        "starts with a UTF-8 byte order mark, which Go's encoding/json refuses (JSON.parse after TextDecoder skips it)",
    });
  });

  test("bytes that are not UTF-8 inside a string (Go reads U+FFFD); elsewhere they are simply invalid", () => {
    assert.deepEqual(refusal(new Uint8Array([...bytes('{"Config":"a'), 0xff, ...bytes('.json"}')])), {
      ambiguous: "json",
      reason: "has bytes that are not UTF-8 inside a string: Go's encoding/json reads each as U+FFFD",
    });
    assert.deepEqual(refusal(new Uint8Array([...bytes("[1,"), 0xc3, 0x28, ...bytes("]")])), {
      invalid: "is not UTF-8 text",
    });
  });

  test("a lone surrogate escape, high or low (Go reads U+FFFD)", () => {
    assert.deepEqual(refusal('["a\\ud800b"]'), {
      ambiguous: "json",
      reason:
        "has \\ud800, a lone UTF-16 surrogate, at character 3: Go's encoding/json reads it as U+FFFD, JSON.parse keeps it",
    });
    assert.equal(refusal('["\\udc00"]')?.ambiguous, "json");
    assert.equal(refusal('["\\ud800\\u0041"]')?.ambiguous, "json");
    assert.equal(refusal('["\\ud800\\ud800"]')?.ambiguous, "json");
  });

  test("a key twice in one object, at any depth", () => {
    assert.deepEqual(refusal('[{"Config":"a.json","Layers":[],"Config":"b.json"}]'), {
      ambiguous: "json",
      reason:
        'has the key "Config" twice in one object (the second at character 32): Go\'s encoding/json keeps the last and merges a repeated object into the first',
    });
    assert.equal(refusal('{"a":{"annotations":{"k":"1","\\u006b":"2"}}}')?.ambiguous, "json");
  });

  test("data after the value (docker's json.Decoder reads the first value, json.Unmarshal refuses)", () => {
    assert.deepEqual(refusal('[{"Config":"a.json"}] [{"Config":"b.json"}]'), {
      ambiguous: "json",
      reason:
        "has data after the JSON value, at character 22: docker's json.Decoder ignores it, json.Unmarshal (containers/image, containerd) refuses it",
    });
    assert.equal(refusal("{}\0")?.ambiguous, "json");
  });

  test(`nesting deeper than ${MAX_JSON_DEPTH} levels`, () => {
    assert.deepEqual(decodeGoJson("[".repeat(MAX_JSON_DEPTH) + "]".repeat(MAX_JSON_DEPTH)) !== null, true);
    const deep = refusal("[".repeat(MAX_JSON_DEPTH + 1) + "]".repeat(MAX_JSON_DEPTH + 1));
    assert.deepEqual(deep, {
      ambiguous: "json",
      reason: `nests deeper than ${MAX_JSON_DEPTH} levels, at character ${MAX_JSON_DEPTH} (Go reads up to 10,000)`,
    });
    assert.equal(
      refusal('{"a":'.repeat(100_000))?.ambiguous,
      "json",
      "a very deep document is refused, not a stack overflow",
    );
  });
});

describe("decodeJson: what is not JSON is invalid", () => {
  for (const [text, reason] of [
    ["", "is not valid JSON (unexpected end of text at character 0)"],
    ["{", "is not valid JSON (unexpected end of text at character 1)"],
    ["[1,]", "is not valid JSON (unexpected ']' at character 3)"],
    ['{"a":1,}', "is not valid JSON (unexpected '}' at character 7)"],
    ["[01]", "is not valid JSON (unexpected '1' at character 2)"],
    ["[1.]", "is not valid JSON (unexpected ']' at character 3)"],
    ["[.5]", "is not valid JSON (unexpected '.' at character 1)"],
    ["[+1]", "is not valid JSON (unexpected '+' at character 1)"],
    ["[1e]", "is not valid JSON (unexpected ']' at character 3)"],
    ["[tru]", "is not valid JSON (unexpected 't' at character 1)"],
    ["['a']", "is not valid JSON (unexpected ''' at character 1)"],
    ['["a\tb"]', "is not valid JSON (unescaped U+0009 in a string at character 3)"],
    ['["\\x"]', "is not valid JSON (bad escape \\'x' at character 2)"],
    ['["\\u12"]', "is not valid JSON (bad \\u escape at character 2)"],
    ['["abc', "is not valid JSON (unterminated string at character 5)"],
    ["\u00a0[]", "is not valid JSON (unexpected '\u00a0' at character 0)"],
    [
      "[] \ufeff",
      "has data after the JSON value, at character 3: docker's json.Decoder ignores it, json.Unmarshal (containers/image, containerd) refuses it",
    ],
  ] as const) {
    test(`${JSON.stringify(text)}: ${reason}`, () => {
      const answer = refusal(text);
      assert.deepEqual(answer, reason.startsWith("has data") ? { ambiguous: "json", reason } : { invalid: reason });
      assert.throws(() => JSON.parse(text), SyntaxError, "JSON.parse refuses it too");
    });
  }
});

describe("decodeGoJson against JSON.parse", () => {
  test("any JSON text without repeated keys or lone surrogates decodes as JSON.parse does (5,000 cases)", () => {
    // Any well-formed Unicode in strings and keys (no lone surrogates: those are refused, below).
    const value = fc.oneof(fc.jsonValue(), fc.jsonValue({ stringUnit: "grapheme" }));
    const json = value.map((v) => JSON.stringify(v));
    const spaced = fc
      .tuple(value, fc.integer({ min: 0, max: 4 }))
      .map(([v, indent]) => JSON.stringify(v, null, indent));
    fc.assert(
      fc.property(fc.oneof(json, spaced), (text) => {
        assert.deepEqual(asJsonParse(decodeGoJson(text)), JSON.parse(text));
      }),
      { numRuns: 5000 },
    );
  });

  test("any text at all: the same value as JSON.parse, or a refusal where JSON.parse also refuses or Go reads otherwise (5,000 cases)", () => {
    const alphabet = fc.constantFrom(...'{}[],:"\\ -+.0123456789eEtrufalsn u00e9d800dc00a\n\t'.split(""));
    const text = fc.oneof(
      fc.string({ unit: alphabet, maxLength: 40 }),
      fc.string({ maxLength: 40 }),
      fc.jsonValue({ stringUnit: "binary" }).map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(text, (input) => {
        let expected: unknown;
        try {
          expected = JSON.parse(input);
        } catch {
          assert.throws(() => decodeGoJson(input), GoJsonError);
          return;
        }
        try {
          assert.deepEqual(asJsonParse(decodeGoJson(input)), expected);
        } catch (error) {
          assert.ok(error instanceof GoJsonError && error.ambiguous, `${JSON.stringify(input)}: ${String(error)}`);
        }
      }),
      { numRuns: 5000 },
    );
  });
});
