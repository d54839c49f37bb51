import type { ReactNode } from "react";
import type { Chain } from "viem";
import { transactionUrl } from "../chain/explorer.ts";
import { formatUnixTime } from "../chain/formatTime.ts";
import type { Release } from "../chain/release.ts";
import { routeHref } from "../routing/route.ts";
import { Hex } from "./Hex.tsx";
import { PublisherName } from "./PublisherName.tsx";
import { HiddenCharactersFlag, UntrustedText } from "./UntrustedText.tsx";
import { visibleText } from "./visibleText.ts";

const DIGEST_ROWS = [
  ["imageId", "Image ID"],
  ["manifestDigest", "Manifest digest"],
  ["indexDigest", "Index digest"],
  ["archiveDigest", "File sha256"],
] as const;

/** One release as recorded on chain: what it names, who published it, when, and whether it still stands. */
export function ReleaseCard({ release, chain, children, headingLevel = 3 }: { release: Release; chain: Chain; children?: ReactNode; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const txUrl = transactionUrl(chain, release.transactionHash);
  return (
    <article className={`card release${release.revokedAt === null ? "" : " release-revoked"}`} aria-label={`Release ${release.id} ${visibleText(release.name)}`}>
      <Heading className="release-title">
        <a href={routeHref({ page: "release", chainId: release.chainId, id: release.id })}>
          <UntrustedText text={release.name} what="name" flag={false} />
        </a>
        <HiddenCharactersFlag text={release.name} what="name" />{" "}
        <span className={`badge ${release.revokedAt === null ? "badge-valid" : "badge-revoked"}`}>{release.revokedAt === null ? "valid" : "revoked"}</span>
      </Heading>
      <dl className="facts">
        <dt>Publisher</dt>
        <dd>
          <PublisherName address={release.publisher} chainId={release.chainId} />
        </dd>
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
          {txUrl && (
            <>
              {" · "}
              <a href={txUrl} target="_blank" rel="noreferrer noopener">
                transaction
              </a>
            </>
          )}
        </dd>
        {release.revokedAt !== null && (
          <>
            <dt>Revoked</dt>
            <dd>{formatUnixTime(release.revokedAt)}</dd>
          </>
        )}
        <dt>Release</dt>
        <dd>
          #{release.id.toString()} on {chain.name}
        </dd>
      </dl>
      {children}
    </article>
  );
}
