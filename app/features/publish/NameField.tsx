import { useId } from "react";
import { UntrustedText } from "../../ui/UntrustedText.tsx";

/** The release name: prefilled from the archive's claimed tag, always editable. */
export function NameField({
  name,
  onChange,
  claimed,
  recorded,
}: {
  name: string;
  onChange: (name: string) => void;
  claimed: string;
  recorded: string;
}) {
  const hintId = useId();
  return (
    <label className="field card">
      Name to publish under
      <input
        type="text"
        value={name}
        onChange={(event) => onChange(event.target.value)}
        spellCheck={false}
        autoComplete="off"
        aria-describedby={hintId}
        placeholder="docker.io/acme/api:1.4.2"
      />
      <small id={hintId}>
        {claimed ? (
          <>
            The archive claims <UntrustedText text={claimed} what="name" code />. Verifiers compare names exactly, so
            use the full name: registry, repository and tag.
          </>
        ) : (
          "The archive names no tag. Use the full name verifiers will look for: registry, repository and tag."
        )}
      </small>
      {recorded !== name.trim() && recorded !== "" && (
        <small>
          Recorded as <UntrustedText text={recorded} what="name" code testId="recorded-name" />, the way Docker reads
          it.
        </small>
      )}
    </label>
  );
}
