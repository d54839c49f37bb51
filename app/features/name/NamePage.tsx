import type { RegistryChain } from "../../config/chains.ts";
import { useRegistryChain } from "../../config/useRegistryChain.ts";
import { routeHref } from "../../routing/route.ts";
import { useLocation } from "../../routing/useLocation.ts";
import { useTrust } from "../../trust/useTrust.ts";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import { NamePublisherItem } from "./NamePublisherItem.tsx";
import { NameScanStatus } from "./NameScanStatus.tsx";
import { namePublishers } from "./namePublishers.ts";
import { useNameClaims } from "./useNameClaims.ts";

/** `#/name?name=<name>`: everyone who published the name, so a user can choose whom to look at. */
export function NamePage() {
  const registryChain = useRegistryChain();
  const name = useLocation().params.get("name")?.trim() ?? "";
  if (name === "") {
    return (
      <section className="page">
        <h1>Publishers of a name</h1>
        <p role="alert">
          No name given. Look one up on the <a href={routeHref({ page: "verify" })}>Verify page</a>.
        </p>
      </section>
    );
  }
  if (registryChain === null) return <p role="alert">No registry is configured.</p>;
  // A new name starts a new scan, with its own progress.
  return <NamePublishers key={`${registryChain.chain.id} ${name}`} registryChain={registryChain} name={name} />;
}

function NamePublishers({ registryChain, name }: { registryChain: RegistryChain; name: string }) {
  const { claims, progress } = useNameClaims(registryChain, name);
  const trust = useTrust();
  const rows = claims.data ? namePublishers(claims.data.claims, trust) : [];
  return (
    <section className="page" aria-labelledby="name-title">
      <h1 id="name-title" className="break">
        Publishers of <UntrustedText text={name} what="name" code />
      </h1>
      <p className="muted">
        Anyone can publish any name, so this lists everyone who did (in any spelling Docker reads as this name), from
        the registry's public record. Only a publisher you trust counts when you verify an image.
      </p>
      <NameScanStatus claims={claims} progress={progress} chainName={registryChain.chain.name} />
      {claims.data && rows.length === 0 && (
        <p role="status" className="card">
          {claims.data.complete ? "Nobody" : "Nobody, in the blocks that could be read,"} has published this name on{" "}
          {registryChain.chain.name}.
        </p>
      )}
      {rows.length > 0 && (
        <ul className="name-publishers" aria-label="Publishers of this name">
          {rows.map((row) => (
            <NamePublisherItem
              key={`${row.publisher} ${row.name}`}
              row={row}
              searched={name}
              chainId={registryChain.chain.id}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
