// Trust page: "Trust whoever proves control of …". A scope names where releases may come from
// (a repository, a namespace, a host); a publisher then counts for a name under it only through
// a claim proven during that verification that covers the name's own repository (or its whole
// host). The list, with Remove, and the sentence that says exactly that.
import { type FormEvent, useState } from "react";
import { parseScope, TrustFileError } from "../../trust/trustFile.ts";
import { trustStore } from "../../trust/trustStore.ts";
import { useTrustedScopes } from "../../trust/useTrust.ts";
import { formatDate } from "../../ui/format.ts";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import { visibleText } from "../../ui/visibleText.ts";

export function ScopeTrust({ onAdded }: { onAdded: (message: string) => void }) {
  const scopes = useTrustedScopes();
  const [text, setText] = useState("");
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const scope = parseScope(text);
      trustStore.addScope(scope);
      setText("");
      setError(null);
      onAdded(`Now trusting whoever proves control of ${scope}.`);
    } catch (caught) {
      setError(caught instanceof TrustFileError ? `${caught.message}.` : String(caught));
    }
  }

  return (
    <section className="card form" aria-labelledby="scopes-title">
      <h2 id="scopes-title">Trust whoever proves control of …</h2>
      <p className="muted">
        A release under a name in one of these counts when its publisher has proved — checked at the moment you verify —
        that it controls the name's own repository (a signed claim pushed into that repository), or the whole host (a
        signed file at the host's <code>/.well-known/imageseal.json</code>). Trusting a namespace such as{" "}
        <code>ghcr.io/acme</code> therefore acts repository by repository: a claim in one repository grants nothing in
        another, unless a host-wide proof exists. A claim that no longer checks out never counts.
      </p>
      <form className="row" onSubmit={submit} aria-labelledby="scopes-title">
        <label className="field">
          Repository, namespace or host
          <input
            type="text"
            value={text}
            onChange={(event) => setText(event.target.value)}
            placeholder="ghcr.io/acme, ghcr.io/acme/api or registry.acme.com"
            spellCheck={false}
            autoComplete="off"
          />
        </label>
        <button type="submit" className="button button-primary trust-grant">
          Trust whoever proves control of this
        </button>
      </form>
      {error && (
        <p role="alert" className="error-text">
          <UntrustedText text={error} what="message" />
        </p>
      )}
      <ul aria-label="Trusted scopes" className="break">
        {scopes.length === 0 && <li className="muted">None yet.</li>}
        {scopes.map((entry) => (
          <li key={entry.scope} className="row" data-testid="trusted-scope">
            <UntrustedText text={entry.scope} what="scope" code />
            <span className="muted">{entry.addedAt > 0 ? formatDate(entry.addedAt / 1000) : ""}</span>
            <button
              type="button"
              className="button"
              aria-label={`Stop trusting whoever proves control of ${visibleText(entry.scope)}`}
              onClick={() => trustStore.removeScope(entry.scope)}
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
