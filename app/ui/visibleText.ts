// Untrusted text for the page, as data: runs shown as they are, and each hidden character
// (hiddenCharacters.ts) as its code point, drawn as a badge ⟨U+202E⟩ by UntrustedText.tsx.
// A literal "⟨" in the text becomes a badge too, so typing "⟨U+202E⟩" cannot pass for the real
// thing: every ⟨ on screen opens a code point, and two different texts never read the same.
import { codePointLabel, codePointsOf, isHiddenCharacter } from "../verdict/hiddenCharacters.ts";

const OPEN = 0x27e8;

type TextSegment =
  | { kind: "text"; text: string }
  /** `hidden` is false only for a literal ⟨, shown by number but nothing to warn about. */
  | { kind: "code-point"; codePoint: number; hidden: boolean };

export function textSegments(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let run = "";
  for (const codePoint of codePointsOf(text)) {
    const hidden = isHiddenCharacter(codePoint);
    if (!hidden && codePoint !== OPEN) {
      run += String.fromCodePoint(codePoint);
      continue;
    }
    if (run !== "") segments.push({ kind: "text", text: run });
    run = "";
    segments.push({ kind: "code-point", codePoint, hidden });
  }
  if (run !== "") segments.push({ kind: "text", text: run });
  return segments;
}

/** How a code point reads on the page: ⟨U+202E⟩. */
export function codePointBadge(codePoint: number): string {
  return `⟨${codePointLabel(codePoint)}⟩`;
}

/** The text as the page shows it, for attributes (aria-label, title) where no badge can be drawn. */
export function visibleText(text: string): string {
  return textSegments(text)
    .map((segment) => (segment.kind === "text" ? segment.text : codePointBadge(segment.codePoint)))
    .join("");
}
