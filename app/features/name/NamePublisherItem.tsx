import { formatReleaseId } from "../../chain/releaseId.ts";
import { routeHref } from "../../routing/route.ts";
import { Hex } from "../../ui/Hex.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import { type NamePublisher, nameTrustWords } from "./namePublishers.ts";

/**
 * One publisher of the name. The address is shown in full (what trust rests on: a shortened
 * one invites look-alikes), with whether the user trusts it, and links to its releases.
 */
export function NamePublisherItem({
  row,
  searched,
  chainId,
}: {
  row: NamePublisher;
  searched: string;
  chainId: number;
}) {
  const trusted = row.trust === "any-name" || row.trust === "this-name";
  return (
    <li className="card" aria-label={`Publisher ${row.publisher}`} data-testid="name-publisher">
      <p>
        <Hex value={row.publisher} label="publisher address" />{" "}
        <span className={`badge ${trusted ? "badge-valid" : "badge-revoked"}`}>
          {trusted ? "trusted" : "not trusted"}
        </span>
      </p>
      <p>{nameTrustWords(row.trust)}</p>
      <p>
        {row.releaseCount === 1 ? "1 release" : `${row.releaseCount} releases`}
        {row.name !== searched && (
          <>
            {" "}
            as <UntrustedText text={row.name} what="name" code />
          </>
        )}
        {row.releaseCount === 1 ? ": " : "; the newest is "}
        <a href={routeHref({ page: "release", chainId, id: row.newestId })}>release {formatReleaseId(row.newestId)}</a>{" "}
        (block {row.newestBlock.toString()}).
      </p>
      <p>
        <a href={routeHref({ page: "publisher", address: row.publisher }, { name: row.name })}>
          This publisher's releases of this name
        </a>
      </p>
    </li>
  );
}
