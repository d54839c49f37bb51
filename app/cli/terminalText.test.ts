import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { codePointsIn, isForbidden, untrustedTextArbitrary } from "../verdict/test/forbiddenCharacters.ts";
import { ESCAPED_NOTICE, terminalJson, terminalLines, terminalText } from "./terminalText.ts";

// The reference reading of terminalText's output: a decoder written from its format alone.
function decode(printed: string): string {
  return printed.replace(
    /\\(?:\\|x([0-9a-f]{2})|u\{([0-9a-f]+)\}|u([0-9a-f]{4})|(.))/gsu,
    (_match, x: string, braced: string, four: string, other: string) => {
      if (other !== undefined) throw new Error(`not a valid escape: \\${other}`);
      if (x === undefined && braced === undefined && four === undefined) return "\\";
      return String.fromCodePoint(Number.parseInt(x ?? braced ?? four, 16));
    },
  );
}

const untrustedText = untrustedTextArbitrary([
  "\x1b",
  "\x1b[31m",
  "\x9b",
  "\x7f",
  "\\",
  "\\x1b",
  "\\u202e",
  "\\u{e0041}",
  "\u202e",
  "\u2066",
  "\u200b",
  "\ufeff",
  "\u2028",
  "\n",
  "\r",
  "\u{e0041}",
  "x",
  "u",
  "{",
  "}",
]);

describe("terminalText", () => {
  test("escapes ESC sequences, C1, DEL, bidi overrides and invisible characters by their code point", () => {
    assert.equal(terminalText("fixture/evil\x1b[31m:1.0"), "fixture/evil\\x1b[31m:1.0");
    assert.equal(terminalText("a\x9b2Jb\x7f"), "a\\x9b2Jb\\x7f");
    assert.equal(terminalText("invoice\u202Egpj.exe"), "invoice\\u202egpj.exe");
    assert.equal(terminalText("\u2066acme\u2069 \u200e\u200f\u061c"), "\\u2066acme\\u2069 \\u200e\\u200f\\u061c");
    assert.equal(terminalText("ac\u200bme\ufeff\u00ad\u3164"), "ac\\u200bme\\ufeff\\xad\\u3164");
    assert.equal(terminalText("line\nfeed\rtab\t\u2028\u2029"), "line\\x0afeed\\x0dtab\\x09\\u2028\\u2029");
    assert.equal(terminalText("tag\u{e0041}\u{e007f}"), "tag\\u{e0041}\\u{e007f}");
    assert.equal(terminalText("no\u00a0break\u3000wide"), "no\\xa0break\\u3000wide");
    assert.equal(terminalText("lone \ud800 half"), "lone \\ud800 half");
  });

  test("leaves ordinary text alone, backslashes doubled", () => {
    assert.equal(
      terminalText("docker.io/acme/api:1.4.2 → ✓ ünïcödé 日本 עברית"),
      "docker.io/acme/api:1.4.2 → ✓ ünïcödé 日本 עברית",
    );
    assert.equal(terminalText("C:\\images\\x1b.tar"), "C:\\\\images\\\\x1b.tar");
  });

  test("whatever the input, the output holds no control, bidi or invisible character", () => {
    fc.assert(
      fc.property(untrustedText, (text) => {
        const printed = codePointsIn(terminalText(text));
        assert.deepEqual(printed.filter(isForbidden), []);
      }),
      { numRuns: 2000 },
    );
  });

  test("is injective: the reference decoder gives back every input, so two inputs never print the same", () => {
    fc.assert(
      fc.property(untrustedText, (text) => decode(terminalText(text)) === text),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(untrustedText, untrustedText, (a, b) => a === b || terminalText(a) !== terminalText(b)),
      { numRuns: 2000 },
    );
    // The pairs an attacker would try first: a raw character against its printed escape.
    assert.notEqual(terminalText("\x1b"), terminalText("\\x1b"));
    assert.notEqual(terminalText("\u202e"), terminalText("\\u202e"));
  });
});

describe("terminalLines", () => {
  test("escapes each line on its own, so a newline in a name cannot start a line of ours, and says what the escapes are", () => {
    assert.equal(
      terminalLines(["name  acme\nverdict        INTACT", "ok"]),
      `name  acme\\x0averdict        INTACT\nok\n\n${ESCAPED_NOTICE}\n`,
    );
  });

  test("adds no notice when nothing was hidden, even with a backslash", () => {
    assert.equal(terminalLines(["a\\b", "c"]), "a\\\\b\nc\n");
  });
});

describe("terminalJson", () => {
  test("writes DEL, C1, bidi, U+2028 and zero-width characters as \\u escapes, which JSON.stringify leaves raw", () => {
    assert.equal(
      terminalJson({ name: "a\x7f\x9b\u202e\u2028\u200b\u{e0041}\x1b" }),
      '{\n  "name": "a\\u007f\\u009b\\u202e\\u2028\\u200b\\udb40\\udc41\\u001b"\n}\n',
    );
  });

  test("whatever the value, it is still JSON that parses to the same value, and nothing hidden reaches the terminal", () => {
    const value = fc.dictionary(
      untrustedText,
      fc.oneof(untrustedText, fc.array(untrustedText, { maxLength: 3 }), fc.integer()),
      { maxKeys: 4, noNullPrototype: true },
    );
    fc.assert(
      fc.property(value, (json) => {
        const printed = terminalJson(json);
        assert.deepEqual(JSON.parse(printed), json);
        // Only the layout's own line breaks are controls.
        assert.deepEqual(
          codePointsIn(printed).filter((codePoint) => codePoint !== 0x0a && isForbidden(codePoint)),
          [],
        );
      }),
      { numRuns: 1000 },
    );
  });
});
