import { useState, type FormEvent } from "react";
import { getAddress, isAddress } from "viem";
import { ANY_NAME } from "../../trust/trustFile.ts";
import { trustStore } from "../../trust/trustStore.ts";

/** Pin a publisher for one image name or for every name. */
export function AddPinForm({ onAdded }: { onAdded: (message: string) => void }) {
  const [publisher, setPublisher] = useState("");
  const [name, setName] = useState("");
  const [everyName, setEveryName] = useState(false);
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!isAddress(publisher.trim(), { strict: false })) return setError("The publisher must be an address: 0x and 40 hex digits.");
    const pinName = everyName ? ANY_NAME : name.trim();
    if (pinName === "") return setError("Give the image name to trust this publisher for, or choose every name.");
    trustStore.add({ name: pinName, publisher: getAddress(publisher.trim()) });
    setError(null);
    setPublisher("");
    setName("");
    onAdded(`Now trusting ${getAddress(publisher.trim())} for ${everyName ? "every name" : pinName}.`);
  }

  return (
    <form className="card form" onSubmit={submit} aria-label="Trust a publisher">
      <label className="field">
        Publisher address
        <input type="text" value={publisher} onChange={(event) => setPublisher(event.target.value)} placeholder="0x…" spellCheck={false} autoComplete="off" />
      </label>
      <label className="field">
        Image name
        <input type="text" value={name} disabled={everyName} onChange={(event) => setName(event.target.value)} placeholder="docker.io/acme/api:1.4.2" spellCheck={false} />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={everyName} onChange={(event) => setEveryName(event.target.checked)} /> Trust this publisher for every name
      </label>
      {error && <p role="alert" className="error-text">{error}</p>}
      <button type="submit" className="button button-primary">
        Trust
      </button>
    </form>
  );
}
