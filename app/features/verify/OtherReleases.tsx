import { useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Release } from "../../chain/release.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { Hex } from "../../ui/Hex.tsx";
import { useNoNetwork } from "../../ui/noNetwork.ts";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import type { OtherReleaseCount } from "../../verdict/verdict.ts";
import { ChainReleaseCard } from "../release/ChainReleaseCard.tsx";
import { otherReleasesQuery } from "./otherReleasesQuery.ts";

const KIND_WORDS = {
  imageId: "image ID",
  manifestDigest: "manifest digest",
  indexDigest: "index digest",
  archiveDigest: "file sha256",
} as const;
const count = (n: number) => n.toLocaleString("en-US");

/**
 * Releases by other publishers naming the target's digests. A verification only counts them
 * (anyone can add to them, so reading them all would let a stranger slow every verification);
 * each digest's list is read here a page of 10 at a time, when asked.
 */
export function OtherReleases({
  counts,
  registryChain,
}: {
  counts: readonly OtherReleaseCount[];
  registryChain: RegistryChain;
}) {
  const shown = counts.filter((c) => c.unread > 0);
  if (shown.length === 0) return null;
  return (
    <section className="other-releases" aria-label="Releases by other publishers">
      <h3>Releases by other publishers</h3>
      {shown.map((c) => (
        <DigestOthers key={c.digest} count={c} registryChain={registryChain} />
      ))}
    </section>
  );
}

function DigestOthers({ count: c, registryChain }: { count: OtherReleaseCount; registryChain: RegistryChain }) {
  const [open, setOpen] = useState(false);
  const noNetwork = useNoNetwork();
  const pages = useInfiniteQuery({ ...otherReleasesQuery(registryChain, c.digest), enabled: open });
  const loaded: Release[] = pages.data?.pages.flatMap((page) => page.releases) ?? [];
  const total = pages.data?.pages.at(-1)?.total ?? c.total;
  const rest = Math.max(0, total - loaded.length);
  return (
    <section className="card form" aria-label={`Releases naming ${c.digest}`} data-testid="other-releases">
      <p>
        {count(c.total)} release{c.total === 1 ? "" : "s"} by anyone name{c.total === 1 ? "s" : ""} its{" "}
        {KIND_WORDS[c.kind]} <Hex value={c.digest} label={KIND_WORDS[c.kind]} />
        {c.unread < c.total && ` (${count(c.total - c.unread)} of them shown above)`}.
      </p>
      {loaded.map((release) => (
        <ChainReleaseCard key={release.id.toString()} release={release} registryChain={registryChain} />
      ))}
      {pages.isError && (
        <p role="alert">
          Could not read them: <UntrustedText text={pages.error.message} what="message" />
        </p>
      )}
      {noNetwork ? (
        <p className="muted">Listing them needs the network.</p>
      ) : !open ? (
        <button type="button" className="button" onClick={() => setOpen(true)}>
          Show the newest {Math.min(10, c.total)}
        </button>
      ) : pages.isFetching ? (
        <p role="status">Reading releases…</p>
      ) : (
        rest > 0 && (
          <p>
            and {count(rest)} more{" "}
            <button
              type="button"
              className="button"
              onClick={() => void pages.fetchNextPage()}
              disabled={!pages.hasNextPage}
            >
              Show more
            </button>
          </p>
        )
      )}
    </section>
  );
}
