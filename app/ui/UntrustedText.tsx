import { hasHiddenCharacters, hiddenCharacterName } from "../verdict/hiddenCharacters.ts";
import { codePointBadge, textSegments } from "./visibleText.ts";

interface UntrustedTextProps {
  text: string;
  /** What the text is, for the flag: "name", "reason", "file name"… */
  what?: string;
  /** False inside a link or a button: the caller puts a HiddenCharactersFlag next to it. */
  flag?: boolean;
  /** Monospace, as names and paths are shown; the flag stays outside the <code>. */
  code?: boolean;
  testId?: string;
}

/**
 * Text that came from an archive, the chain, a link or a file: a name, a tag, a path, a reason,
 * an ENS name. Control, bidi and invisible characters are drawn as badges (⟨U+202E⟩) instead of
 * acting, and the whole is a left-to-right isolate (`<bdi dir="ltr">`), each run of it an isolate
 * of its own, so nothing in it can reorder the words around it or its own parts. When anything
 * was hidden a flag says so.
 */
export function UntrustedText({ text, what = "text", flag = true, code = false, testId }: UntrustedTextProps) {
  const shown = (
    <bdi dir="ltr" className="untrusted-text" data-testid={code ? undefined : testId}>
      {textSegments(text).map((segment, index) =>
        segment.kind === "text" ? (
          <bdi key={index}>{segment.text}</bdi>
        ) : (
          <span
            key={index}
            className={segment.hidden ? "code-point code-point-hidden" : "code-point"}
            title={segment.hidden ? hiddenCharacterName(segment.codePoint) : "a literal ⟨, shown by its number"}
          >
            {codePointBadge(segment.codePoint)}
          </span>
        ),
      )}
    </bdi>
  );
  return (
    <>
      {code ? <code data-testid={testId}>{shown}</code> : shown}
      {flag && <HiddenCharactersFlag text={text} what={what} />}
    </>
  );
}

/** "⚠ hidden characters"; to a screen reader "This name contains hidden characters…". Nothing when there are none. */
export function HiddenCharactersFlag({ text, what = "text" }: { text: string; what?: string }) {
  if (!hasHiddenCharacters(text)) return null;
  const label = `This ${what} contains hidden characters, shown as ⟨U+…⟩: it may not be what it seems`;
  return (
    <>
      {" "}
      <span
        role="note"
        aria-label={label}
        title={label}
        className="hidden-characters-flag"
        data-testid="hidden-characters"
      >
        ⚠ hidden characters
      </span>
    </>
  );
}
