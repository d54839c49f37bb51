import { routeHref } from "../routing/route.ts";
import { UntrustedText } from "./UntrustedText.tsx";

/**
 * A publisher: always the full address (a shortened one invites look-alikes), linked to its
 * page, plus its ENS name when the caller found one — next to the address, never instead of it.
 * Whoever owns the address chose the name: it is shown as untrusted text.
 */
export function PublisherAddress({ address, ensName = null }: { address: string; ensName?: string | null }) {
  return (
    <span className="publisher-name">
      <a href={routeHref({ page: "publisher", address })}>
        <code>{address}</code>
      </a>
      {ensName && (
        <strong className="ens-name">
          {" ("}
          <UntrustedText text={ensName} what="ENS name" />)
        </strong>
      )}
    </span>
  );
}
