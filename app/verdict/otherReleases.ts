// Other publishers' releases of a digest, on demand. Anyone can add to a digest's list, so a
// verification only counts it (digestTotals.ts); the page's "show more" and the CLI's
// `--others N` read it a page at a time from here, newest first.
import { isAddressEqual } from "viem";
import { getReleasesByDigestPage } from "../chain/actions/getReleasesByDigestPage.ts";
import { mapLimit, RPC_CONCURRENCY } from "../chain/mapLimit.ts";
import type { ReadClient } from "../chain/readClient.ts";
import { MAX_PAGE_SIZE } from "../chain/readPages.ts";
import type { RegistryRef } from "../chain/registryRef.ts";
import type { PageRequest, Release, ReleasePage } from "../chain/release.ts";
import type { Digest } from "../image/digest.ts";
import { trustedPublishers } from "./trust.ts";
import type { VerificationResult } from "./verdict.ts";

/**
 * One page (default 20, at most 100) of the releases by anyone that name `digest` in any role,
 * newest first, hydrated, with the list's total. The trusted publishers' releases are in the
 * list too (mark them with trustBasis). Rejects with an AppError.
 */
export function loadOtherReleases(
  client: ReadClient,
  registry: RegistryRef,
  digest: Digest,
  page?: PageRequest,
): Promise<ReleasePage> {
  return getReleasesByDigestPage(client, registry, digest, page);
}

export interface OtherReleaseList {
  digest: Digest;
  /** Releases by anyone naming the digest when the last page was read. */
  total: number;
  /** Newest first, at most the count asked for, without the excluded ones. */
  releases: Release[];
}

/**
 * The newest `count` releases naming `digest` that `exclude` does not reject (e.g. the trusted
 * publishers' ones, already in the verdict), in pages of at most 100; fewer when the list ends.
 */
export async function listOtherReleases(
  client: ReadClient,
  registry: RegistryRef,
  digest: Digest,
  count: number,
  exclude: (release: Release) => boolean = () => false,
): Promise<OtherReleaseList> {
  const releases: Release[] = [];
  const seen = new Set<bigint>();
  let offset = 0;
  let total = 0;
  while (releases.length < count) {
    const page = await loadOtherReleases(client, registry, digest, {
      offset,
      limit: Math.min(MAX_PAGE_SIZE, count - releases.length),
    });
    total = page.total;
    offset += page.releases.length;
    // Releases landing meanwhile shift the list: an entry of the previous page may come again.
    for (const release of page.releases) {
      if (seen.has(release.id)) continue;
      seen.add(release.id);
      if (!exclude(release)) releases.push(release);
    }
    if (page.releases.length < page.limit || offset >= page.total) break;
  }
  return { digest, total, releases: releases.slice(0, count) };
}

/**
 * For each digest a verification left releases unread on (its `other-releases` items), the
 * newest `count` releases by publishers outside the trust (the trusted ones are in the verdict
 * already). What the CLI's `--others N` prints; digests in the order the verdict names them.
 */
export async function listUnreadOthers(
  client: ReadClient,
  registry: RegistryRef,
  result: VerificationResult,
  count: number,
): Promise<OtherReleaseList[]> {
  const digests = new Set<Digest>();
  for (const target of result.targets) {
    for (const item of target.evidence)
      if (item.kind === "other-releases") for (const c of item.counts) if (c.unread > 0) digests.add(c.digest);
  }
  const trusted = trustedPublishers(result.trust);
  const isTrusted = (release: Release) => trusted.some((publisher) => isAddressEqual(publisher, release.publisher));
  return mapLimit([...digests], RPC_CONCURRENCY, (digest) =>
    listOtherReleases(client, registry, digest, count, isTrusted),
  );
}
