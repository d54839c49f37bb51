// Loaded only with the wallet chunk, shown only on the connected account's own page: make a
// claim (sign → push or download → record on chain) and withdraw recorded ones.
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import type { Address } from "viem";
import { type AddClaimResult, addClaim } from "../../chain/actions/addClaim.ts";
import { type WithdrawClaimResult, withdrawClaim } from "../../chain/actions/withdrawClaim.ts";
import { normalizeScope } from "../../claims/scope.ts";
import { wellKnownUrl } from "../../claims/wellKnown.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { downloadText } from "../../ui/downloadText.ts";
import { formatDate } from "../../ui/format.ts";
import { Hex } from "../../ui/Hex.tsx";
import { RegistryLoginFields } from "../../ui/RegistryLoginFields.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import { WritePhaseView } from "../../ui/WritePhaseView.tsx";
import { useRegistryWrite } from "../../wallet/useRegistryWrite.ts";
import { useWriteClients } from "../../wallet/useWriteClients.ts";
import { claimLocationFor } from "./claimLocationFor.ts";
import { recordedClaimsQuery } from "./claimsQuery.ts";
import { claimDocumentText } from "./createClaim.ts";
import { useCreateClaim } from "./useCreateClaim.ts";

export default function OwnerClaims({
  registryChain,
  publisher,
}: {
  registryChain: RegistryChain;
  publisher: Address;
}) {
  const wallet = useWriteClients(registryChain);
  if (wallet.address?.toLowerCase() !== publisher.toLowerCase()) return null;
  return (
    <>
      <CreateClaimForm registryChain={registryChain} />
      <WithdrawClaims registryChain={registryChain} publisher={publisher} />
    </>
  );
}

function CreateClaimForm({ registryChain }: { registryChain: RegistryChain }) {
  const record = useRegistryWrite<AddClaimResult>(registryChain);
  const wallet = record.wallet;
  const { state, create, reset } = useCreateClaim(registryChain);
  const [text, setText] = useState("");
  const [username, setUsername] = useState("");
  const [password, setPassword] = useState("");
  const scope = normalizeScope(text.trim());
  const scopeLocation = scope === null ? null : claimLocationFor(scope);
  const kind = scopeLocation?.kind ?? "repository";
  const [error, setError] = useState<string | null>(null);
  const busy = state.step === "signing" || state.step === "pushing" || record.busy;

  function submit(event: FormEvent) {
    event.preventDefault();
    const clients = wallet.clients;
    if (clients === null) return;
    if (scope === null || scopeLocation === null)
      return setError("Enter a repository (127.0.0.1:5055/acme/api, ghcr.io/acme/api) or a host (acme.com).");
    setError(null);
    record.reset();
    void create(clients, scopeLocation.scope, kind, username !== "" && password !== "" ? { username, password } : null);
  }

  function recordOnChain(location: string) {
    void record.run((clients, options) => addClaim(clients, registryChain, location, options));
  }

  const ready = state.step === "ready" ? state : null;
  const location = ready ? claimLocationFor(ready.claim.scope) : null;
  return (
    <form className="card form" onSubmit={submit} aria-label="Make a claim">
      <h3>Prove control of a repository or a host</h3>
      <label className="field">
        Repository or host
        <input
          type="text"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            reset();
            record.reset();
          }}
          placeholder="ghcr.io/acme/api or acme.com"
          spellCheck={false}
          autoComplete="off"
        />
        <small>
          {scopeLocation === null
            ? "A repository proves push rights to that one repository; a host proves control of the whole host (serve the file at its /.well-known/imageseal.json)."
            : kind === "repository"
              ? `Your wallet signs the claim, then this browser pushes it into ${scopeLocation.scope} under the tag imageseal-claim (the registry must allow browsers).`
              : `Your wallet signs the claim; you then serve the file at ${wellKnownUrl(scopeLocation)}.`}
        </small>
      </label>
      {kind === "repository" && (
        <RegistryLoginFields
          summary="The registry needs a login to push"
          note="Used for this one push and sent only to this registry; never stored."
          username={username}
          password={password}
          onUsername={setUsername}
          onPassword={setPassword}
        />
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={busy || wallet.clients === null}>
        {kind === "repository" ? "Sign and push the claim" : "Sign the claim"}
      </button>
      {state.step === "signing" && (
        <p role="status">
          Confirm in your wallet: you sign that you control <UntrustedText text={state.scope} what="scope" code />.
        </p>
      )}
      {state.step === "pushing" && (
        <p role="status">
          Pushing the signed claim into <UntrustedText text={state.claim.scope} what="scope" code />…
        </p>
      )}
      {state.step === "failed" && (
        <p role="alert" className="error-text">
          <UntrustedText text={state.message} what="message" />
        </p>
      )}
      {ready && location && (
        <div className="form" data-testid="claim-ready">
          {ready.artifactDigest !== null ? (
            <p role="status">
              Pushed: <UntrustedText text={`${ready.claim.scope}:imageseal-claim`} what="reference" code /> is artifact{" "}
              <Hex value={ready.artifactDigest} label="claim artifact digest" />.
            </p>
          ) : (
            <p>
              Serve this file at <code>{wellKnownUrl(location)}</code>, then record the claim.{" "}
              <button
                type="button"
                className="button"
                onClick={() => downloadText("imageseal.json", claimDocumentText(ready.claim))}
              >
                Download imageseal.json
              </button>
            </p>
          )}
          <button
            type="button"
            className="button button-primary"
            disabled={!record.canRun}
            onClick={() => recordOnChain(location.location)}
          >
            Record the claim on chain
          </button>
          {record.phase && (
            <WritePhaseView
              phase={record.phase}
              chain={registryChain.chain}
              confirmed={() => <p>Recorded: verifiers find this claim from your address.</p>}
            />
          )}
        </div>
      )}
    </form>
  );
}

function WithdrawClaims({ registryChain, publisher }: { registryChain: RegistryChain; publisher: Address }) {
  const recorded = useQuery(recordedClaimsQuery(registryChain, publisher));
  const claims = recorded.data ?? [];
  if (claims.length === 0) return null;
  // Withdrawn ones stay listed (marked): the row that was just withdrawn keeps its confirmation.
  return (
    <ul className="card form" aria-label="Your recorded claims">
      {claims.map((claim) => (
        <li key={claim.index} className="row">
          <UntrustedText text={claim.location} what="location" code />
          <WithdrawControl
            registryChain={registryChain}
            index={claim.index}
            location={claim.location}
            withdrawnAt={claim.withdrawnAt}
          />
        </li>
      ))}
    </ul>
  );
}

function WithdrawControl({
  registryChain,
  index,
  location,
  withdrawnAt,
}: {
  registryChain: RegistryChain;
  index: number;
  location: string;
  withdrawnAt: number | null;
}) {
  const write = useRegistryWrite<WithdrawClaimResult>(registryChain);
  function withdraw() {
    void write.run((clients, options) => withdrawClaim(clients, registryChain, index, options));
  }
  return (
    <>
      {withdrawnAt === null ? (
        <button
          type="button"
          className="button button-danger"
          disabled={!write.canRun}
          onClick={withdraw}
          aria-label={`Withdraw the claim ${location}`}
        >
          Withdraw
        </button>
      ) : (
        <span className="muted">withdrawn {formatDate(withdrawnAt)}</span>
      )}
      {write.phase && (
        <WritePhaseView
          phase={write.phase}
          chain={registryChain.chain}
          confirmed={() => <p>Withdrawn: verifiers no longer count it.</p>}
        />
      )}
    </>
  );
}
