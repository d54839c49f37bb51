import { type FormEvent, useState } from "react";
import { getAddress, isAddress } from "viem";
import { isSha256Digest } from "../../image/digest.ts";
import { routeHref } from "../../routing/route.ts";
import { normalizeImageName } from "../../verdict/normalizeImageName.ts";

/** Verify without a file: a digest shows every release naming it; a name and a publisher show that name's history. */
export function LookupForm() {
  const [query, setQuery] = useState("");
  const [publisher, setPublisher] = useState("");
  const [error, setError] = useState<string | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const text = query.trim();
    const digest = text.toLowerCase();
    if (isSha256Digest(digest)) {
      window.location.hash = routeHref({ page: "digest", digest });
      return;
    }
    const name = normalizeImageName(text);
    if (name === null)
      return setError("Enter a digest (sha256: and 64 hex digits) or an image name such as docker.io/acme/api:1.4.2.");
    if (!isAddress(publisher.trim(), { strict: false }))
      return setError("To look up a name, also give the publisher's address (0x and 40 hex digits).");
    window.location.hash = routeHref({ page: "publisher", address: getAddress(publisher.trim()) }, { name });
  }

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="lookup-title">
      <h2 id="lookup-title">No file? Look up a digest or a name</h2>
      <label className="field">
        Digest or image name
        <input
          type="text"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
          placeholder="sha256:… or docker.io/acme/api:1.4.2"
          spellCheck={false}
        />
      </label>
      <label className="field">
        Publisher <small>(for a name)</small>
        <input
          type="text"
          value={publisher}
          onChange={(event) => setPublisher(event.target.value)}
          placeholder="0x…"
          spellCheck={false}
        />
      </label>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <button type="submit" className="button">
        Look up
      </button>
    </form>
  );
}
