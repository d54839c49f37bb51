import { type FormEvent, useId, useState } from "react";
import type { Address } from "viem";
import { type AuthorizeDelegateResult, authorizeDelegate } from "../../chain/actions/authorizeDelegate.ts";
import { formatUnixTime } from "../../chain/formatTime.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import { WritePhaseView } from "../../ui/WritePhaseView.tsx";
import { useRegistryWrite } from "../../wallet/useRegistryWrite.ts";
import { WalletGate } from "../../wallet/WalletGate.tsx";
import { checkDelegateAddress, checkExpiry, checkNamePrefix, type ExpiryInput, prefixWarning } from "./delegateForm.ts";

/** Grants a key the right to publish names under a prefix on your behalf until an expiry; every field checked before the wallet opens. */
export function AuthorizeDelegateForm({
  registryChain,
  publisher,
}: {
  registryChain: RegistryChain;
  publisher: Address;
}) {
  const [address, setAddress] = useState("");
  const [prefix, setPrefix] = useState("");
  const [expiryKind, setExpiryKind] = useState<ExpiryInput["kind"]>("days");
  const [days, setDays] = useState("90");
  const [date, setDate] = useState("");
  const [touched, setTouched] = useState(false);
  const write = useRegistryWrite<AuthorizeDelegateResult>(registryChain);
  const warningId = useId();

  const delegate = checkDelegateAddress(address, publisher);
  const namePrefix = checkNamePrefix(prefix);
  const expiry = checkExpiry(
    expiryKind === "days" ? { kind: "days", days } : { kind: "date", local: date },
    Date.now() / 1000,
  );
  const problems = [delegate, namePrefix, expiry].flatMap((checked) => (checked.ok ? [] : [checked.problem]));
  const warning = namePrefix.ok ? prefixWarning(prefix) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTouched(true);
    if (!delegate.ok || !namePrefix.ok || !expiry.ok) return;
    void write.run((clients, options) =>
      authorizeDelegate(clients, registryChain, delegate.value, namePrefix.value, expiry.value, options),
    );
  }

  return (
    <form className="card form" onSubmit={submit} aria-labelledby="authorize-title">
      <h3 id="authorize-title">Authorize a delegate key</h3>
      <p className="muted">
        The key (a CI job's, a colleague's) can then publish releases under your address for names starting with the
        prefix, until the expiry. Its releases show as yours, “through delegate key …”. You can revoke it at any time;
        its releases then stop counting.
      </p>
      <label className="field">
        Delegate key address
        <input
          type="text"
          value={address}
          onChange={(event) => setAddress(event.target.value)}
          placeholder="0x… (all 40 hex digits)"
          spellCheck={false}
          autoComplete="off"
        />
      </label>
      <label className="field">
        Names starting with
        <input
          type="text"
          value={prefix}
          onChange={(event) => setPrefix(event.target.value)}
          placeholder="docker.io/acme/"
          spellCheck={false}
          autoComplete="off"
          aria-describedby={warning ? warningId : undefined}
        />
      </label>
      {warning && (
        <p id={warningId} className="error-text" role="note" data-testid="prefix-warning">
          <UntrustedText text={warning} />
        </p>
      )}
      <fieldset className="form">
        <legend>Expires</legend>
        <label className="checkbox">
          <input
            type="radio"
            name="expiry-kind"
            checked={expiryKind === "days"}
            onChange={() => setExpiryKind("days")}
          />{" "}
          in{" "}
          <input
            type="number"
            min={1}
            step={1}
            value={days}
            onChange={(event) => setDays(event.target.value)}
            aria-label="Days until it expires"
          />{" "}
          days
        </label>
        <label className="checkbox">
          <input
            type="radio"
            name="expiry-kind"
            checked={expiryKind === "date"}
            onChange={() => setExpiryKind("date")}
          />{" "}
          on{" "}
          <input
            type="datetime-local"
            value={date}
            onChange={(event) => {
              setDate(event.target.value);
              setExpiryKind("date");
            }}
            aria-label="Expiry date and time"
          />
        </label>
        {expiry.ok && <small>Until {formatUnixTime(expiry.value)}.</small>}
      </fieldset>
      {touched && problems.length > 0 && (
        <ul className="problems" aria-label="Before authorizing">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <WalletGate wallet={write.wallet} registryChain={registryChain} action="authorize a key">
        <button type="submit" className="button button-primary" disabled={!write.canRun}>
          Authorize key
        </button>
      </WalletGate>
      {write.phase && (
        <WritePhaseView
          phase={write.phase}
          chain={registryChain.chain}
          confirmed={(done) => (
            <p>
              Authorized <code>{done.delegate}</code> until {formatUnixTime(done.expiresAt)}.
            </p>
          )}
        />
      )}
    </form>
  );
}
