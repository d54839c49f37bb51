import { formatReleaseId } from "../../chain/releaseId.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { routeHref } from "../../routing/route.ts";
import { trustStore } from "../../trust/trustStore.ts";
import { TransactionLink } from "../../ui/TransactionLink.tsx";
import { HiddenCharactersFlag, UntrustedText } from "../../ui/UntrustedText.tsx";
import type { Evidence } from "../../verdict/verdict.ts";

function Extra({ item, registryChain }: { item: Evidence; registryChain: RegistryChain }) {
  switch (item.kind) {
    case "verified-by":
    case "also-verified-by":
    case "revoked":
    case "delegation-void":
    case "current-release":
    case "other-role": {
      return (
        <span className="evidence-links">
          <a href={routeHref({ page: "release", chainId: item.release.chainId, id: item.release.id })}>
            release {formatReleaseId(item.release.id)}
          </a>
          <TransactionLink chain={registryChain.chain} hash={item.release.transactionHash} />
        </span>
      );
    }
    case "untrusted-release":
    case "other-name":
      return (
        <span className="evidence-links">
          <a href={routeHref({ page: "publisher", address: item.release.publisher })}>who is this?</a>{" "}
          {/* It grants trust: the full address (a shortened one invites look-alikes) and the name, hidden characters shown. */}
          <button
            type="button"
            className="button trust-grant"
            onClick={() => trustStore.add({ name: item.release.name, publisher: item.release.publisher })}
          >
            Trust <code>{item.release.publisher}</code> for{" "}
            <UntrustedText text={item.release.name} what="name" flag={false} />
          </button>
          <HiddenCharactersFlag text={item.release.name} what="name" />
        </span>
      );
    default:
      return null;
  }
}

/** Every piece of evidence behind a verdict, decisive first, each in its own words. */
export function EvidenceList({ evidence, registryChain }: { evidence: Evidence[]; registryChain: RegistryChain }) {
  if (evidence.length === 0) return null;
  return (
    <ul className="evidence" aria-label="Evidence">
      {evidence.map((item, index) => (
        <li key={index} className={`evidence-${item.tone}`} data-kind={item.kind}>
          <span className="visually-hidden">
            {item.tone === "bad" ? "Problem: " : item.tone === "warn" ? "Warning: " : ""}
          </span>
          <UntrustedText text={item.message} /> <Extra item={item} registryChain={registryChain} />
        </li>
      ))}
    </ul>
  );
}
