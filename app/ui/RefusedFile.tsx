import { UntrustedText } from "./UntrustedText.tsx";

interface Props {
  /** "proof bundle", "signed release". */
  what: string;
  message: string;
  /** False for an error the file did not cause (a bug): said as such. */
  expected: boolean;
  testId: string;
}

/** A file given for an offline verification that cannot be used: why, in words, and that no verdict came of it. */
export function RefusedFile({ what, message, expected, testId }: Props) {
  return (
    <div role="alert" className="card error" data-testid={testId}>
      <p>
        <strong>
          This {what} cannot be used{expected ? "" : " (an unexpected error)"}:
        </strong>{" "}
        <UntrustedText text={message} what="message" />
      </p>
      <p className="muted">No verdict was decided from it.</p>
    </div>
  );
}
