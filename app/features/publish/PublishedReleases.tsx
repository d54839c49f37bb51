import type { Release } from "../../chain/release.ts";
import { formatReleaseId } from "../../chain/releaseId.ts";
import { routeHref } from "../../routing/route.ts";
import { CopyButton } from "../../ui/CopyButton.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";

/** After a publish: where each release now lives, and the link a publisher puts in a README. */
export function PublishedReleases({ releases }: { releases: Release[] }) {
  const publisher = releases[0]?.publisher;
  const verifyLink = publisher
    ? new URL(routeHref({ page: "verify" }, { publisher }), window.location.href).toString()
    : null;
  return (
    <div>
      <p>
        <strong>Published.</strong>{" "}
        {releases[0]?.signer
          ? releases.length === 1
            ? "The publisher's release is"
            : "The publisher's releases are"
          : releases.length === 1
            ? "Your release is"
            : "Your releases are"}{" "}
        on chain:
      </p>
      <ul>
        {releases.map((release) => (
          <li key={release.id.toString()}>
            <a
              href={routeHref({ page: "release", chainId: release.chainId, id: release.id })}
              data-testid="published-release-link"
            >
              <UntrustedText text={release.name} what="name" flag={false} /> (release {formatReleaseId(release.id)})
            </a>
          </li>
        ))}
      </ul>
      {verifyLink && (
        <p>
          {releases[0]?.signer
            ? "A verify link that trusts the publisher, for its README"
            : "A verify link that trusts you, for your README"}
          :{" "}
          <span className="hex">
            <code data-testid="verify-link">{verifyLink}</code>
            <CopyButton value={verifyLink} label="the verify link" />
          </span>
        </p>
      )}
    </div>
  );
}
