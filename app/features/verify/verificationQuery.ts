// The verdict for an inspected archive as a react-query query: keyed by the archive's
// identities (not its bytes), the registry, the trust and the name asked for, so changing
// whom you trust re-decides without re-hashing anything.
import { queryOptions } from "@tanstack/react-query";
import { publicClientFor } from "../../chain/publicClient.ts";
import { registryQueryKey } from "../../chain/queries/releaseQueries.ts";
import type { RegistryChain } from "../../config/chains.ts";
import type { ArchiveReport } from "../../image/report.ts";
import type { Trust } from "../../verdict/trust.ts";
import { verifyArchive } from "../../verdict/verifyArchive.ts";
import { claimCheckerFor } from "../claims/claimChecker.ts";

/**
 * What a verdict depends on in a report: its identities and findings (each problem and note as
 * said, not their count: two different tamperings must not share a cached verdict), not its bytes.
 */
export function identityKey(report: ArchiveReport): string {
  const images = report.images.map((image) =>
    [image.imageId, image.manifestDigest, image.indexDigest, ...(image.indexChain ?? [])].join(","),
  );
  const findings = [...report.problems, ...report.notes].map((finding) => `${finding.code}:${finding.message}`);
  return JSON.stringify([report.format, report.verdict, report.archiveDigest ?? "", images, findings]);
}

export function verificationQuery(
  registryChain: RegistryChain,
  report: ArchiveReport,
  trust: Trust,
  requestedName: string | null,
) {
  return queryOptions({
    queryKey: [...registryQueryKey(registryChain), "verification", identityKey(report), trust, requestedName],
    // Claims are checked during the verification (from this browser, now): a proven one can make
    // a publisher trusted under a scope the user trusts, and every one is shown with the verdict.
    queryFn: () =>
      verifyArchive({
        client: publicClientFor(registryChain),
        registry: registryChain,
        report,
        trust,
        requestedName,
        claimChecker: claimCheckerFor(registryChain),
      }),
    staleTime: 30_000,
  });
}
