import { type FormEvent, useState } from "react";
import { getAddress, isAddress } from "viem";
import { ANY_NAME } from "../../trust/trustFile.ts";
import { trustStore } from "../../trust/trustStore.ts";
import { HiddenCharactersFlag, UntrustedText } from "../../ui/UntrustedText.tsx";

/** Pin a publisher for one image name or for every name. */
export function AddPinForm({ onAdded }: { onAdded: (message: string) => void }) {
  const [publisher, setPublisher] = useState("");
  const [name, setName] = useState("");
  const [everyName, setEveryName] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The button says exactly what it grants, address checksummed and in full, once the address is one.
  const address = isAddress(publisher.trim(), { strict: false }) ? getAddress(publisher.trim()) : null;
  const pinName = everyName ? ANY_NAME : name.trim();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (address === null) return setError("The publisher must be an address: 0x and 40 hex digits.");
    if (pinName === "") return setError("Give the image name to trust this publisher for, or choose every name.");
    trustStore.add({ name: pinName, publisher: address });
    setError(null);
    setPublisher("");
    setName("");
    onAdded(`Now trusting ${address} for ${everyName ? "every name" : pinName}.`);
  }

  return (
    <form className="card form" onSubmit={submit} aria-label="Trust a publisher">
      <label className="field">
        Publisher address
        <input
          type="text"
          value={publisher}
          onChange={(event) => setPublisher(event.target.value)}
          placeholder="0x…"
          spellCheck={false}
          autoComplete="off"
        />
      </label>
      <label className="field">
        Image name
        <input
          type="text"
          value={name}
          disabled={everyName}
          onChange={(event) => setName(event.target.value)}
          placeholder="docker.io/acme/api:1.4.2"
          spellCheck={false}
        />
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={everyName} onChange={(event) => setEveryName(event.target.checked)} /> Trust
        this publisher for every name
      </label>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <button type="submit" className="button button-primary trust-grant">
        {address === null ? (
          "Trust"
        ) : (
          <>
            Trust <code>{address}</code> for{" "}
            {everyName ? (
              "every name"
            ) : pinName === "" ? (
              "…"
            ) : (
              <UntrustedText text={pinName} what="name" flag={false} />
            )}
          </>
        )}
      </button>
      {!everyName && <HiddenCharactersFlag text={pinName} what="name" />}
    </form>
  );
}
