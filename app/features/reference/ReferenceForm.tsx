import { type FormEvent, useId, useState } from "react";
import type { RegistryCredentials } from "../../registry/client.ts";
import { RegistryLoginFields } from "../../ui/RegistryLoginFields.tsx";

/**
 * A registry reference to read instead of an archive, with an optional login for registries
 * that ask for one. The login is handed to the one check and dropped: never stored.
 */
export function ReferenceForm({
  title,
  initial,
  busy,
  onSubmit,
  submitLabel,
}: {
  title: string;
  initial: string;
  busy: boolean;
  onSubmit: (text: string, credentials: RegistryCredentials | null) => void;
  submitLabel: string;
}) {
  const [text, setText] = useState(initial);
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const titleId = useId();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === "") return;
    onSubmit(text, username !== "" && password !== "" ? { username, password } : null);
  }

  return (
    <form className="card form" onSubmit={submit} aria-labelledby={titleId} data-testid="reference-form">
      <h2 id={titleId}>{title}</h2>
      <label className="field">
        Image reference
        <input
          type="text"
          value={text}
          onChange={(event) => setText(event.target.value)}
          placeholder="ghcr.io/acme/api:1.4.2 or …@sha256:…"
          spellCheck={false}
          autoComplete="off"
        />
        <small>
          Read from the registry by this browser: manifests and configs, each checked against its digest. The registry
          must allow browsers (CORS).
        </small>
      </label>
      <RegistryLoginFields
        summary="The registry needs a login"
        note="Used for this one check and sent only to this reference's registry; never stored. Prefer a read-only token."
        username={username}
        password={password}
        onUsername={setUsername}
        onPassword={setPassword}
      />
      <button type="submit" className="button button-primary" disabled={busy || text.trim() === ""}>
        {submitLabel}
      </button>
    </form>
  );
}
