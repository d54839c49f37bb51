// Untrusted text for a terminal. A name, tag, path or reason from an archive or the chain can
// hold ESC (a terminal escape sequence can recolour, move the cursor, retitle the window, or
// hide the lines before it), C1 controls, bidi overrides that draw text backwards, or
// invisible characters. Every such character is printed as an escape instead — `\x1b`,
// `\u202e`, `\u{e0041}` — and a backslash as `\\`, so the mapping can be undone: two
// different texts never print the same.
import { codePointsOf, hasHiddenCharacters, isHiddenCharacter } from "../verdict/hiddenCharacters.ts";

const BACKSLASH = 0x5c;
const hex = (codePoint: number, digits: number) => codePoint.toString(16).padStart(digits, "0");

function escapeCodePoint(codePoint: number): string {
  if (codePoint < 0x100) return `\\x${hex(codePoint, 2)}`;
  if (codePoint <= 0xffff) return `\\u${hex(codePoint, 4)}`;
  return `\\u{${hex(codePoint, 1)}}`;
}

/** `text` with every hidden character (see hiddenCharacters.ts) and every backslash escaped. */
export function terminalText(text: string): string {
  let out = "";
  for (const codePoint of codePointsOf(text)) {
    if (codePoint === BACKSLASH) out += "\\\\";
    else if (isHiddenCharacter(codePoint)) out += escapeCodePoint(codePoint);
    else out += String.fromCodePoint(codePoint);
  }
  return out;
}

/** Said once, under output that had to escape something, so nobody reads `\u202e` as part of a name. */
export const ESCAPED_NOTICE =
  "note       text above held control or invisible characters: each is shown as an escape (\\x1b, \\u202e), a backslash as \\\\";

/**
 * Lines for people, each escaped on its own (a newline inside a name cannot start a line that
 * looks like ours), joined and ended with newlines; the notice follows when anything was hidden.
 */
export function terminalLines(lines: readonly string[]): string {
  const escaped = lines.map(terminalText);
  if (lines.some(hasHiddenCharacters)) escaped.push("", ESCAPED_NOTICE);
  return `${escaped.join("\n")}\n`;
}

/** One line of an error or a usage message for stderr, escaped, with its newline. */
export function terminalLine(text: string): string {
  return `${terminalText(text)}\n`;
}

/**
 * `--json`: still exactly JSON, and JSON.parse gives back the very strings the archive or the
 * chain held (scripts compare them). JSON.stringify escapes only C0, `"`, `\` and lone
 * surrogates: DEL, C1 (U+009B is a CSI to many terminals), bidi overrides, U+2028/U+2029 and
 * zero-width characters would still reach a terminal raw when someone runs `--json` without a
 * pipe. JSON allows any character as `\uXXXX`, so those are written that way too. They can only
 * stand inside strings (JSON outside strings is ASCII); the layout's own newlines stay.
 */
export function terminalJson(value: unknown): string {
  let out = "";
  for (const codePoint of codePointsOf(JSON.stringify(value, null, 2))) {
    if (codePoint === 0x0a || !isHiddenCharacter(codePoint)) out += String.fromCodePoint(codePoint);
    else {
      const character = String.fromCodePoint(codePoint);
      for (let i = 0; i < character.length; i++) out += `\\u${hex(character.charCodeAt(i), 4)}`;
    }
  }
  return `${out}\n`;
}
