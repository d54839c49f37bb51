import type { ReactNode } from "react";
import type { Chain } from "viem";
import { formatUnixTime } from "../chain/formatTime.ts";
import type { Release } from "../chain/release.ts";
import { formatReleaseId } from "../chain/releaseId.ts";
import { routeHref } from "../routing/route.ts";
import { Hex } from "./Hex.tsx";
import { type RevocationRead, RevokedFacts } from "./RevokedFacts.tsx";
import { TransactionLink } from "./TransactionLink.tsx";
import { HiddenCharactersFlag, UntrustedText } from "./UntrustedText.tsx";
import { visibleText } from "./visibleText.ts";

const DIGEST_ROWS = [
  ["imageId", "Image ID"],
  ["manifestDigest", "Manifest digest"],
  ["indexDigest", "Index digest"],
  ["archiveDigest", "File sha256"],
] as const;

function badgeOf(release: Release): { word: string; className: string } {
  if (release.revokedAt !== null) return { word: "revoked", className: "badge-revoked" };
  return release.valid
    ? { word: "valid", className: "badge-valid" }
    : { word: "does not count", className: "badge-revoked" };
}

/**
 * One release as recorded on chain: what it names, who published it (and through which
 * delegate key), when, and whether it still stands. Presentational: the caller gives what it
 * read besides the release — the publisher as shown (`publisher`: its full address, with an
 * ENS name where known), why a delegated release no longer counts (`notCounted`), and a
 * revocation's log (`revocation`).
 */
export function ReleaseCard({
  release,
  chain,
  publisher,
  notCounted = null,
  revocation,
  children,
  headingLevel = 3,
}: {
  release: Release;
  chain: Chain;
  publisher: ReactNode;
  notCounted?: string | null;
  revocation?: RevocationRead;
  children?: ReactNode;
  headingLevel?: 2 | 3;
}) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const badge = badgeOf(release);
  return (
    <article
      className={`card release${release.valid ? "" : " release-revoked"}`}
      aria-label={`Release ${formatReleaseId(release.id)} ${visibleText(release.name)}`}
    >
      <Heading className="release-title">
        <a href={routeHref({ page: "release", chainId: release.chainId, id: release.id })}>
          <UntrustedText text={release.name} what="name" flag={false} />
        </a>
        <HiddenCharactersFlag text={release.name} what="name" />{" "}
        <span className={`badge ${badge.className}`}>{badge.word}</span>
      </Heading>
      {release.signer !== null && (
        <p className="delegated" data-testid="delegated-by">
          Published by <code>{release.publisher}</code> through delegate key <code>{release.signer}</code>.
        </p>
      )}
      {notCounted && (
        <p className="error-text" role="note" data-testid="not-counted">
          {notCounted}
        </p>
      )}
      <dl className="facts">
        <dt>Publisher</dt>
        <dd>{publisher}</dd>
        {release.signer !== null && (
          <>
            <dt>Delegate key</dt>
            <dd>
              <Hex value={release.signer} label="delegate key" />
            </dd>
          </>
        )}
        {DIGEST_ROWS.map(([key, label]) => {
          const digest = release[key];
          return digest === null ? null : (
            <div key={key} className="contents">
              <dt>{label}</dt>
              <dd>
                <Hex value={digest} label={label} />
              </dd>
            </div>
          );
        })}
        <dt>Published</dt>
        <dd>
          {formatUnixTime(release.publishedAt)} in block {release.blockNumber.toString()}
          <TransactionLink chain={chain} hash={release.transactionHash} />
        </dd>
        {release.revokedAt !== null && <RevokedFacts revokedAt={release.revokedAt} chain={chain} read={revocation} />}
        <dt>Release</dt>
        <dd>
          {formatReleaseId(release.id)} on {chain.name}
        </dd>
      </dl>
      {children}
    </article>
  );
}
