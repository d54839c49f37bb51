import { type FormEvent, useState } from "react";
import { getAddress, isAddress } from "viem";
import { isSha256Digest } from "../../image/digest.ts";
import { routeHref } from "../../routing/route.ts";
import { normalizeImageName } from "../../verdict/normalizeImageName.ts";

/**
 * Verify without a file: a digest shows every release naming it; a name shows everyone who
 * published it, and with a publisher, that publisher's history of the name.
 */
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
    const address = publisher.trim();
    // No publisher: list everyone who published the name, to choose from.
    if (address === "") {
      window.location.hash = routeHref({ page: "name" }, { name });
      return;
    }
    if (!isAddress(address, { strict: false }))
      return setError(
        "The publisher is not an address: 0x and 40 hex digits, or leave it empty to see every publisher.",
      );
    window.location.hash = routeHref({ page: "publisher", address: getAddress(address) }, { name });
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
        Publisher <small>(optional, for a name: leave empty to list every publisher)</small>
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
