import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { type Address, getAddress, isAddress } from "viem";
import { nameHistoryQuery, releasesByPublisherQuery } from "../../chain/queries/releaseQueries.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { useRegistryChain } from "../../config/useRegistryChain.ts";
import { routeHref } from "../../routing/route.ts";
import { useLocation } from "../../routing/useLocation.ts";
import { ANY_NAME } from "../../trust/trustFile.ts";
import { trustStore } from "../../trust/trustStore.ts";
import { usePins } from "../../trust/useTrust.ts";
import { HiddenCharactersFlag, UntrustedText } from "../../ui/UntrustedText.tsx";
import { visibleText } from "../../ui/visibleText.ts";
import { useWalletState } from "../../wallet/useWallet.ts";
import { requestWallet } from "../../wallet/walletLoader.ts";
import { ClaimsSection } from "../claims/ClaimsSection.tsx";
import { ChainReleaseCard } from "../release/ChainReleaseCard.tsx";
import { DelegateKeys } from "./DelegateKeys.tsx";
import { groupByName } from "./groupByName.ts";
import { OwnerActions } from "./OwnerActions.tsx";

const PAGE = 20;

/** `#/publisher` asks for an address; `#/publisher/<address>[?name=…]` lists what it published. */
export function PublisherPage({ address }: { address: string | null }) {
  const registryChain = useRegistryChain();
  if (address === null) return <PublisherLookup />;
  if (!isAddress(address, { strict: false })) {
    return (
      <section className="page">
        <h1>Publisher</h1>
        <p role="alert">
          “<UntrustedText text={address} what="link" flag={false} />”<HiddenCharactersFlag text={address} what="link" />{" "}
          is not an address: expected 0x and 40 hex digits.
        </p>
      </section>
    );
  }
  if (registryChain === null) return <p role="alert">No registry is configured.</p>;
  return <PublisherReleases registryChain={registryChain} publisher={getAddress(address)} />;
}

function PublisherLookup() {
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!isAddress(value.trim(), { strict: false })) return setError("Enter an address: 0x and 40 hex digits.");
    window.location.hash = routeHref({ page: "publisher", address: getAddress(value.trim()) });
  }
  return (
    <section className="page" aria-labelledby="publishers-title">
      <h1 id="publishers-title">Publishers</h1>
      <form className="card form" onSubmit={submit}>
        <label className="field">
          Publisher address
          <input
            type="text"
            value={value}
            onChange={(event) => setValue(event.target.value)}
            placeholder="0x…"
            spellCheck={false}
          />
        </label>
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
        <button type="submit" className="button button-primary">
          Show releases
        </button>
      </form>
    </section>
  );
}

/** Grants (or takes back) trust for every name: it names the full address it acts on. */
function TrustButton({ publisher }: { publisher: Address }) {
  const pins = usePins();
  const trusted = pins.some((pin) => pin.name === ANY_NAME && pin.publisher === publisher);
  return trusted ? (
    <button
      type="button"
      className="button trust-grant"
      onClick={() => trustStore.remove({ name: ANY_NAME, publisher })}
    >
      Stop trusting <code>{publisher}</code> for every name
    </button>
  ) : (
    <button type="button" className="button trust-grant" onClick={() => trustStore.add({ name: ANY_NAME, publisher })}>
      Trust <code>{publisher}</code> for every name
    </button>
  );
}

function PublisherReleases({ registryChain, publisher }: { registryChain: RegistryChain; publisher: Address }) {
  const { params } = useLocation();
  const name = params.get("name");
  const [count, setCount] = useState(PAGE);
  const wallet = useWalletState();
  const all = useQuery({ ...releasesByPublisherQuery(registryChain, publisher, 0, count), enabled: name === null });
  const history = useQuery({ ...nameHistoryQuery(registryChain, publisher, name ?? ""), enabled: name !== null });
  const page = name === null ? all : history;
  return (
    <section className="page" aria-labelledby="publisher-title">
      <h1 id="publisher-title" className="break">
        Publisher <code>{publisher}</code>
      </h1>
      <div className="row">
        <TrustButton publisher={publisher} />
        {wallet.status !== "ready" && (
          <button type="button" className="button" onClick={() => requestWallet({ openConnectModal: true })}>
            Your address? Connect to revoke or manage keys
          </button>
        )}
      </div>
      {name === null && <ClaimsSection registryChain={registryChain} publisher={publisher} />}
      {name === null && <DelegateKeys registryChain={registryChain} publisher={publisher} />}
      {name !== null && (
        <p>
          History of <UntrustedText text={name} what="name" code /> ·{" "}
          <a href={routeHref({ page: "publisher", address: publisher })}>all names</a>
        </p>
      )}
      {page.isPending && <p role="status">Reading releases…</p>}
      {page.isError && (
        <p role="alert">
          <UntrustedText text={page.error.message} what="message" />
        </p>
      )}
      {page.data && page.data.total === 0 && <p role="status">No releases{name === null ? "" : " under this name"}.</p>}
      {page.data &&
        groupByName(page.data.releases).map((group) => (
          <section key={group.name} className="name-group" aria-label={visibleText(group.name)}>
            <h2 className="break">
              <a href={routeHref({ page: "publisher", address: publisher }, { name: group.name })}>
                <UntrustedText text={group.name} what="name" flag={false} />
              </a>
              <HiddenCharactersFlag text={group.name} what="name" />{" "}
              <span className="muted">({group.releases.length})</span>
            </h2>
            {group.releases.map((release) => (
              <ChainReleaseCard
                key={release.id.toString()}
                release={release}
                registryChain={registryChain}
                readRevocation
              >
                <OwnerActions registryChain={registryChain} release={release} />
              </ChainReleaseCard>
            ))}
          </section>
        ))}
      {name === null && all.data && all.data.total > all.data.releases.length && (
        <button type="button" className="button" onClick={() => setCount((current) => current + PAGE)}>
          Show older releases ({all.data.total - all.data.releases.length} more)
        </button>
      )}
    </section>
  );
}
