// Test-only: code points that must never reach a screen raw, listed by hand from the Unicode
// tables (not derived from hiddenCharacters.ts), so the terminal and page tests check that module
// too, and untrusted text the way an attacker writes it.
import fc from "fast-check";

export const FORBIDDEN_RANGES: readonly [number, number][] = [
  [0x00, 0x1f], // C0 (ESC is 0x1b)
  [0x7f, 0x9f], // DEL, C1 (0x9b is CSI)
  [0xa0, 0xa0], // no-break space
  [0xad, 0xad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul fillers
  [0x180e, 0x180e], // Mongolian vowel separator
  [0x2000, 0x200f], // spaces, zero-width, LRM / RLM
  [0x2028, 0x202f], // line / paragraph separators, bidi embeddings and overrides
  [0x205f, 0x206f], // word joiner, invisible operators, bidi isolates
  [0x3000, 0x3000], // ideographic space
  [0x3164, 0x3164], // Hangul filler
  [0xd800, 0xdfff], // lone surrogates
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // BOM / zero width no-break space
  [0xffa0, 0xffa0], // halfwidth Hangul filler
  [0xfff9, 0xfffb], // interlinear annotations
  [0xe0000, 0xe0fff], // tag characters, variation selectors supplement
];

export const isForbidden = (codePoint: number) =>
  FORBIDDEN_RANGES.some(([low, high]) => codePoint >= low && codePoint <= high);

export const codePointsIn = (text: string) => [...text].map((character) => character.codePointAt(0) as number);

/** Any UTF-16 unit (lone surrogates too), any code point, and a good share of the characters that matter, look-alikes of the escapes included. */
export function untrustedTextArbitrary(nasty: readonly string[]): fc.Arbitrary<string> {
  return fc
    .array(
      fc.oneof(
        fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)),
        fc.integer({ min: 0, max: 0x10ffff }).map((codePoint) => String.fromCodePoint(codePoint)),
        fc.constantFrom(...nasty),
      ),
      { maxLength: 24 },
    )
    .map((parts) => parts.join(""));
}
