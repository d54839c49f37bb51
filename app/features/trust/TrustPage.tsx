import { useState } from "react";
import { routeHref } from "../../routing/route.ts";
import {
  ANY_NAME,
  mergePins,
  mergeScopes,
  parseTrustList,
  type TrustedScope,
  TrustFileError,
  type TrustPin,
} from "../../trust/trustFile.ts";
import { trustStore } from "../../trust/trustStore.ts";
import { useLinkPublishers, usePins, useTrustedScopes } from "../../trust/useTrust.ts";
import { downloadText } from "../../ui/downloadText.ts";
import { formatDate } from "../../ui/format.ts";
import { Hex } from "../../ui/Hex.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import { visibleText } from "../../ui/visibleText.ts";
import { AddPinForm } from "./AddPinForm.tsx";
import { ImportReview } from "./ImportReview.tsx";
import { ScopeTrust } from "./ScopeTrust.tsx";

export function TrustPage() {
  const pins = usePins();
  const scopes = useTrustedScopes();
  const link = useLinkPublishers();
  const [message, setMessage] = useState<{ kind: "status" | "alert"; text: string } | null>(null);
  // A file's pins wait here until the user has seen every address and name they trust.
  const [pending, setPending] = useState<{ fileName: string; pins: TrustPin[]; scopes: TrustedScope[] } | null>(null);

  async function readImport(file: File) {
    setPending(null);
    try {
      const list = parseTrustList(await file.text());
      const fresh = mergePins(pins, list.pins).slice(pins.length);
      const freshScopes = mergeScopes(scopes, list.scopes).slice(scopes.length);
      if (fresh.length === 0 && freshScopes.length === 0)
        setMessage({ kind: "status", text: `${file.name} holds no pin you do not have already.` });
      else {
        setMessage(null);
        setPending({ fileName: file.name, pins: fresh, scopes: freshScopes });
      }
    } catch (error) {
      const reason = error instanceof TrustFileError ? error.message : String(error);
      setMessage({ kind: "alert", text: `Could not import ${file.name}: ${reason}.` });
    }
  }

  function confirmImport() {
    if (pending === null) return;
    const added = trustStore.addList({ pins: pending.pins, scopes: pending.scopes });
    const what = pending.scopes.length === 0 ? (added === 1 ? "pin" : "pins") : added === 1 ? "entry" : "entries";
    setMessage({ kind: "status", text: `Imported ${added} new ${what} from ${pending.fileName}.` });
    setPending(null);
  }

  return (
    <section className="page" aria-labelledby="trust-title">
      <h1 id="trust-title">Trusted publishers</h1>
      <p className="muted">
        Anyone can publish any name, so ImageSeal says VERIFIED only for releases by publishers you trust. Pin a
        publisher for one name, or for every name. The list stays in this browser; export it to share it or move it.
      </p>
      {link.publishers.length > 0 && (
        <p className="card" role="note">
          This page's link also trusts{" "}
          {link.publishers.map((address) => (
            <Hex key={address} value={address} label="publisher from the link" />
          ))}{" "}
          for every name, for as long as you follow it.
        </p>
      )}
      <AddPinForm onAdded={(text) => setMessage({ kind: "status", text })} />
      {message && (
        <p role={message.kind}>
          <UntrustedText text={message.text} />
        </p>
      )}
      {pending && (
        <ImportReview
          fileName={pending.fileName}
          pins={pending.pins}
          scopes={pending.scopes.map((entry) => entry.scope)}
          onConfirm={confirmImport}
          onCancel={() => setPending(null)}
        />
      )}
      <table className="pins">
        <caption className="visually-hidden">Your pins</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Publisher</th>
            <th scope="col">Added</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {pins.length === 0 && (
            <tr>
              <td colSpan={4} className="muted">
                No pins yet.
              </td>
            </tr>
          )}
          {pins.map((pin) => (
            <tr key={`${pin.name} ${pin.publisher}`}>
              <td>
                {pin.name === ANY_NAME ? <em>every name</em> : <UntrustedText text={pin.name} what="name" code />}
              </td>
              <td>
                <a href={routeHref({ page: "publisher", address: pin.publisher })}>
                  <code>{pin.publisher}</code>
                </a>
              </td>
              <td>{pin.addedAt > 0 ? formatDate(pin.addedAt / 1000) : ""}</td>
              <td>
                <button
                  type="button"
                  className="button"
                  aria-label={`Stop trusting ${pin.publisher} for ${pin.name === ANY_NAME ? "every name" : visibleText(pin.name)}`}
                  onClick={() => trustStore.remove(pin)}
                >
                  Remove
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <ScopeTrust onAdded={(text) => setMessage({ kind: "status", text })} />
      <div className="row">
        <button
          type="button"
          className="button"
          disabled={pins.length === 0 && scopes.length === 0}
          onClick={() => downloadText("imageseal-trust.json", trustStore.exportFile())}
        >
          Export as a file
        </button>
        <label className="button">
          Import a file
          <input
            className="visually-hidden"
            type="file"
            accept="application/json,.json"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void readImport(file);
              event.target.value = "";
            }}
          />
        </label>
      </div>
    </section>
  );
}
