// Which characters of untrusted text (names, tags, paths, reasons, ENS names — from archives
// or the chain) must never reach a screen as they are: they are invisible, or they change how
// the text around them is drawn. The terminal (app/cli/terminalText.ts) and the page
// (app/ui/UntrustedText.tsx) both show each one by its code point instead. Pure: no DOM, no I/O.

/**
 * - Cc: C0 controls, DEL, C1 controls (ESC starts terminal escape sequences; U+009B is CSI).
 * - Cf: format characters — bidi embeddings, overrides and isolates (U+202A–U+202E,
 *   U+2066–U+2069), marks (U+200E/F, U+061C), zero-width U+200B–U+200D, U+FEFF, soft hyphen,
 *   tag characters (U+E0000…).
 * - Zl, Zp: U+2028/U+2029, line breaks to a terminal or a text layout.
 * - Zs except U+0020: spaces a reader cannot tell from a plain space (U+00A0, U+3000, …).
 * - Default_Ignorable_Code_Point: drawn as nothing though not Cf (Hangul fillers U+3164,
 *   variation selectors, combining grapheme joiner…).
 * - Cs: a lone surrogate (JS strings can hold one; it would print as U+FFFD, so two different
 *   ones would look alike).
 * - Cn: unassigned today, so no font draws it, and a later Unicode may make it a format character.
 */
const HIDDEN = /^(?:[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Cn}\p{Default_Ignorable_Code_Point}]|(?! )\p{Zs})$/u;

/** Whether a code point is shown by its number, never as itself. */
export function isHiddenCharacter(codePoint: number): boolean {
  return HIDDEN.test(String.fromCodePoint(codePoint));
}

/** The code points of `text`, a lone surrogate as its own value. */
export function* codePointsOf(text: string): Generator<number> {
  for (const character of text) yield character.codePointAt(0) as number;
}

export function hasHiddenCharacters(text: string): boolean {
  for (const codePoint of codePointsOf(text)) if (isHiddenCharacter(codePoint)) return true;
  return false;
}

/** "U+202E", "U+1F600": the Unicode notation, at least four hex digits. */
export function codePointLabel(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

// Names of the characters an attacker reaches for first, for a tooltip; others get their class.
const NAMES: Record<number, string> = {
  0: "NULL",
  7: "BELL",
  8: "BACKSPACE",
  9: "TAB",
  10: "LINE FEED",
  13: "CARRIAGE RETURN",
  27: "ESCAPE (starts a terminal escape sequence)",
  127: "DELETE",
  155: "CONTROL SEQUENCE INTRODUCER",
  160: "NO-BREAK SPACE",
  173: "SOFT HYPHEN",
  1564: "ARABIC LETTER MARK",
  8203: "ZERO WIDTH SPACE",
  8204: "ZERO WIDTH NON-JOINER",
  8205: "ZERO WIDTH JOINER",
  8206: "LEFT-TO-RIGHT MARK",
  8207: "RIGHT-TO-LEFT MARK",
  8232: "LINE SEPARATOR",
  8233: "PARAGRAPH SEPARATOR",
  8234: "LEFT-TO-RIGHT EMBEDDING",
  8235: "RIGHT-TO-LEFT EMBEDDING",
  8236: "POP DIRECTIONAL FORMATTING",
  8237: "LEFT-TO-RIGHT OVERRIDE",
  8238: "RIGHT-TO-LEFT OVERRIDE (draws the text after it backwards)",
  8288: "WORD JOINER",
  8294: "LEFT-TO-RIGHT ISOLATE",
  8295: "RIGHT-TO-LEFT ISOLATE",
  8296: "FIRST STRONG ISOLATE",
  8297: "POP DIRECTIONAL ISOLATE",
  12644: "HANGUL FILLER",
  65279: "ZERO WIDTH NO-BREAK SPACE (BOM)",
};

/** A few words on what a hidden character is, for a tooltip or a screen reader. */
export function hiddenCharacterName(codePoint: number): string {
  const known = NAMES[codePoint];
  if (known !== undefined) return known;
  const character = String.fromCodePoint(codePoint);
  if (/\p{Cc}/u.test(character)) return "a control character";
  if (/\p{Cs}/u.test(character)) return "half of a broken character pair (lone surrogate)";
  if (/\p{Cn}/u.test(character)) return "an unassigned character";
  if (/\p{Zs}/u.test(character)) return "a space that is not the plain space";
  return "an invisible formatting character";
}
