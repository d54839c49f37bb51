import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { releasesByDigestQuery } from "../../chain/queries/releaseQueries.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { useRegistryChain } from "../../config/useRegistryChain.ts";
import type { Digest } from "../../image/digest.ts";
import { isSha256Digest } from "../../image/digest.ts";
import { HiddenCharactersFlag, UntrustedText } from "../../ui/UntrustedText.tsx";
import { ChainReleaseCard } from "../release/ChainReleaseCard.tsx";

/** `#/digest/sha256:…`: every release that names a digest, in any role. */
export function DigestPage({ digest }: { digest: string }) {
  const registryChain = useRegistryChain();
  const normalized = digest.trim().toLowerCase();
  if (!isSha256Digest(normalized)) {
    return (
      <section className="page">
        <h1>Releases naming a digest</h1>
        <p role="alert">
          “<UntrustedText text={digest} what="link" flag={false} />”<HiddenCharactersFlag text={digest} what="link" />{" "}
          is not a digest: expected sha256: followed by 64 hex digits.
        </p>
      </section>
    );
  }
  if (registryChain === null) return <p role="alert">No registry is configured.</p>;
  return <DigestReleases registryChain={registryChain} digest={normalized} />;
}

const PAGE = 20;

/**
 * Anyone can add to a digest's list, so it is read a page at a time: the newest page, then one
 * more per "Show more" (each page one call plus its blocks' logs), never all of it.
 */
function DigestReleases({ registryChain, digest }: { registryChain: RegistryChain; digest: Digest }) {
  const [pages, setPages] = useState(1);
  const first = useQuery(releasesByDigestQuery(registryChain, digest, { offset: 0, limit: PAGE }));
  const total = first.data?.total ?? 0;
  const shown = Math.min(total, pages * PAGE);
  return (
    <section className="page" aria-labelledby="digest-title">
      <h1 id="digest-title">Releases naming a digest</h1>
      <p>
        <code className="break">{digest}</code> on {registryChain.chain.name}
      </p>
      <p className="muted">
        Anyone can publish any name: a release is only as good as its publisher. Check who published it before you trust
        it.
      </p>
      {first.isPending && <p role="status">Reading releases…</p>}
      {first.isError && (
        <p role="alert">
          <UntrustedText text={first.error.message} what="message" />
        </p>
      )}
      {first.data?.total === 0 && <p role="status">No release names this digest.</p>}
      {first.data && total > 0 && (
        <p role="status" data-testid="digest-total">
          {total.toLocaleString("en-US")} release{total === 1 ? "" : "s"} name{total === 1 ? "s" : ""} this digest,
          newest first.
        </p>
      )}
      {Array.from({ length: pages }, (_, index) => (
        <DigestReleasePage key={index} registryChain={registryChain} digest={digest} offset={index * PAGE} />
      ))}
      {first.data && total > shown && (
        <button type="button" className="button" onClick={() => setPages((current) => current + 1)}>
          Show more ({(total - shown).toLocaleString("en-US")} more)
        </button>
      )}
    </section>
  );
}

function DigestReleasePage({
  registryChain,
  digest,
  offset,
}: {
  registryChain: RegistryChain;
  digest: Digest;
  offset: number;
}) {
  const page = useQuery(releasesByDigestQuery(registryChain, digest, { offset, limit: PAGE }));
  if (offset > 0 && page.isPending) return <p role="status">Reading more releases…</p>;
  if (offset > 0 && page.isError) {
    return (
      <p role="alert">
        <UntrustedText text={page.error.message} what="message" />
      </p>
    );
  }
  return (
    <>
      {page.data?.releases.map((release) => (
        <ChainReleaseCard key={release.id.toString()} release={release} registryChain={registryChain} />
      ))}
    </>
  );
}
