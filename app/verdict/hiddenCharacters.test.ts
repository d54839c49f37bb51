import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { codePointLabel, hasHiddenCharacters, hiddenCharacterName, isHiddenCharacter } from "./hiddenCharacters.ts";
import { FORBIDDEN_RANGES } from "./test/forbiddenCharacters.ts";

describe("isHiddenCharacter", () => {
  test("holds for every control, bidi, invisible and look-alike-space code point listed by hand", () => {
    const missed: string[] = [];
    for (const [low, high] of FORBIDDEN_RANGES)
      for (let codePoint = low; codePoint <= high; codePoint++)
        if (!isHiddenCharacter(codePoint)) missed.push(codePointLabel(codePoint));
    assert.deepEqual(missed, []);
  });

  test("leaves printable ASCII, letters of every script, symbols and emoji alone", () => {
    const shown = [
      ..." !\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~",
      "é",
      "ß",
      "Ж",
      "ע",
      "ع",
      "日",
      "한",
      "→",
      "✓",
      "…",
      "⟨",
      "😀",
    ];
    assert.deepEqual(
      shown.filter((text) => hasHiddenCharacters(text)),
      [],
    );
  });

  test("holds for unassigned code points, which a later Unicode may make format characters", () => {
    assert.equal(isHiddenCharacter(0x0378), true);
    assert.equal(isHiddenCharacter(0x10ffff), true);
  });
});

describe("hiddenCharacterName", () => {
  test("names the characters attackers reach for first, and the class of any other", () => {
    assert.equal(hiddenCharacterName(0x202e), "RIGHT-TO-LEFT OVERRIDE (draws the text after it backwards)");
    assert.equal(hiddenCharacterName(0x1b), "ESCAPE (starts a terminal escape sequence)");
    assert.equal(hiddenCharacterName(0x85), "a control character");
    assert.equal(hiddenCharacterName(0xdc00), "half of a broken character pair (lone surrogate)");
    assert.equal(hiddenCharacterName(0x2003), "a space that is not the plain space");
    assert.equal(hiddenCharacterName(0xe0041), "an invisible formatting character");
  });

  test("codePointLabel writes at least four upper-case hex digits", () => {
    assert.deepEqual([0x1b, 0x202e, 0xe0041].map(codePointLabel), ["U+001B", "U+202E", "U+E0041"]);
  });
});
