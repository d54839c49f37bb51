import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { codePointsIn, isForbidden, untrustedTextArbitrary } from "../verdict/test/forbiddenCharacters.ts";
import { textSegments, visibleText } from "./visibleText.ts";

// The reference reading of what the page shows: every ⟨U+…⟩ back to its code point.
const decode = (shown: string) =>
  shown.replace(/⟨U\+([0-9A-F]{4,6})⟩/gu, (_match, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)));

const untrustedText = untrustedTextArbitrary([
  "\x1b",
  "\x1b[31m",
  "\x9b",
  "\u202e",
  "\u2066",
  "\u200b",
  "\ufeff",
  "⟨",
  "⟩",
  "⟨U+202E⟩",
  "U+",
  "202E",
  "\u{e0041}",
]);

describe("textSegments", () => {
  test("splits ordinary runs from hidden characters, and marks a literal ⟨ as shown by number but not hidden", () => {
    assert.deepEqual(textSegments("invoice\u202Egpj.exe"), [
      { kind: "text", text: "invoice" },
      { kind: "code-point", codePoint: 0x202e, hidden: true },
      { kind: "text", text: "gpj.exe" },
    ]);
    assert.deepEqual(textSegments("\x1b[31m⟨x"), [
      { kind: "code-point", codePoint: 0x1b, hidden: true },
      { kind: "text", text: "[31m" },
      { kind: "code-point", codePoint: 0x27e8, hidden: false },
      { kind: "text", text: "x" },
    ]);
    assert.deepEqual(textSegments("docker.io/acme/api:1.4.2"), [{ kind: "text", text: "docker.io/acme/api:1.4.2" }]);
    assert.deepEqual(textSegments(""), []);
  });
});

describe("visibleText", () => {
  test("shows bidi overrides, ESC, zero-width and tag characters as ⟨U+…⟩", () => {
    assert.equal(visibleText("invoice\u202Egpj.exe"), "invoice⟨U+202E⟩gpj.exe");
    assert.equal(visibleText("evil\x1b[31m\x9b"), "evil⟨U+001B⟩[31m⟨U+009B⟩");
    assert.equal(visibleText("ac\u200bme\u{e0041}"), "ac⟨U+200B⟩me⟨U+E0041⟩");
    assert.equal(visibleText("עברית 日本 ünï"), "עברית 日本 ünï");
  });

  test("a typed ⟨U+202E⟩ does not pass for the real character", () => {
    assert.equal(visibleText("⟨U+202E⟩"), "⟨U+27E8⟩U+202E⟩");
    assert.notEqual(visibleText("⟨U+202E⟩"), visibleText("\u202e"));
  });

  test("whatever the input, nothing shown is a control, bidi or invisible character", () => {
    fc.assert(
      fc.property(untrustedText, (text) => {
        assert.deepEqual(codePointsIn(visibleText(text)).filter(isForbidden), []);
      }),
      { numRuns: 2000 },
    );
  });

  test("is injective: the reference decoder gives back every input, so two inputs never look the same", () => {
    fc.assert(
      fc.property(untrustedText, (text) => decode(visibleText(text)) === text),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(untrustedText, untrustedText, (a, b) => a === b || visibleText(a) !== visibleText(b)),
      { numRuns: 2000 },
    );
  });
});
