// Paging over the contract's list lookups (releasesByDigest / ByPublisher / ByName), which
// return `(Release[] page, total)` counted from the newest entry.
import type { Address } from "viem";
import { hydrateReleases } from "./hydrateReleases.ts";
import type { ReadClient } from "./readClient.ts";
import type { PageRequest, Release, ReleasePage, ReleaseRecord } from "./release.ts";

const DEFAULT_PAGE_SIZE = 20;
/** Bounds one eth_call's work and its return data (a record is 5 words). */
export const MAX_PAGE_SIZE = 100;

type ReadPage = (offset: bigint, limit: bigint) => Promise<readonly [readonly ReleaseRecord[], bigint]>;

export function pageBounds(page: PageRequest = {}): { offset: number; limit: number } {
  const offset = Math.max(0, Math.floor(page.offset ?? 0));
  const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(page.limit ?? DEFAULT_PAGE_SIZE)));
  return { offset, limit };
}

export async function readPage(
  client: ReadClient,
  registry: Address,
  read: ReadPage,
  page?: PageRequest,
): Promise<ReleasePage> {
  const { offset, limit } = pageBounds(page);
  const [records, total] = await read(BigInt(offset), BigInt(limit));
  return { releases: await hydrateReleases(client, registry, records), total: Number(total), offset, limit };
}

/**
 * Every record of a list, newest first. Releases landing while we page push older entries
 * further down, so each page's `total` shifts the next offset; ids already seen are skipped.
 */
export async function readAllRecords(read: ReadPage): Promise<ReleaseRecord[]> {
  const records: ReleaseRecord[] = [];
  const seen = new Set<bigint>();
  let offset = 0n;
  let firstTotal: bigint | null = null;
  for (;;) {
    const [page, total] = await read(offset, BigInt(MAX_PAGE_SIZE));
    firstTotal ??= total;
    for (const record of page) {
      if (!seen.has(record.id)) records.push(record);
      seen.add(record.id);
    }
    offset = BigInt(records.length) + (total - firstTotal);
    if (page.length < MAX_PAGE_SIZE || offset >= total) return records;
  }
}

export async function readAllPages(client: ReadClient, registry: Address, read: ReadPage): Promise<Release[]> {
  return hydrateReleases(client, registry, await readAllRecords(read));
}
