import { ANY_NAME, type TrustPin } from "../../trust/trustFile.ts";
import { UntrustedText } from "../../ui/UntrustedText.tsx";

/**
 * The pins a trust file would add, before they are added: importing grants trust, so each
 * publisher is shown in full (a shortened address invites look-alikes) with the name it would
 * be trusted for, hidden characters made visible.
 */
export function ImportReview({
  fileName,
  pins,
  scopes = [],
  onConfirm,
  onCancel,
}: {
  fileName: string;
  pins: TrustPin[];
  scopes?: string[];
  onConfirm: () => void;
  onCancel: () => void;
}) {
  return (
    <section className="card form" aria-labelledby="import-review-title">
      <h2 id="import-review-title">
        Trust what <UntrustedText text={fileName} what="file name" /> lists?
      </h2>
      <ul className="break">
        {pins.map((pin) => (
          <li key={`${pin.name} ${pin.publisher}`}>
            <code>{pin.publisher}</code> for{" "}
            {pin.name === ANY_NAME ? <em>every name</em> : <UntrustedText text={pin.name} what="name" code />}
          </li>
        ))}
        {scopes.map((scope) => (
          <li key={`scope ${scope}`}>
            whoever proves control of <UntrustedText text={scope} what="scope" code />
          </li>
        ))}
      </ul>
      <div className="row">
        <button type="button" className="button button-primary" onClick={onConfirm}>
          {pins.length + scopes.length === 1
            ? pins.length === 1
              ? "Trust this publisher"
              : "Trust this scope"
            : `Trust these ${pins.length + scopes.length} entries`}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
