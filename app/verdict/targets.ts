// What gets a verdict: each image of an archive, a plain file, or — when an image archive
// yields no readable image — the archive itself. Each carries the digests the engine
// computed (facts) and the problems that concern it.

import type { DigestKind, Release } from "../chain/release.ts";
import type { Digest } from "../image/digest.ts";
import { formatPlatform } from "../image/formats/platform.ts";
import { isTamperedProblem } from "../image/problems.ts";
import type { ArchiveReport, ImageReport, Problem } from "../image/report.ts";

export type VerdictTarget =
  | {
      kind: "image";
      /** 0-based position in the report's images. */
      index: number;
      imageId: Digest | null;
      manifestDigest: Digest | null;
      /** The index listing the manifest, then any outer ones (a release may name either). */
      indexDigests: Digest[];
      /** The archive's own sha256, when computed: it names every image inside. */
      archiveDigest: Digest | null;
      /** e.g. "linux/amd64"; null when unknown. */
      platform: string | null;
      /** Names the archive claims (RepoTags, containerd and OCI ref names): claims, not facts. */
      claimedNames: string[];
    }
  | { kind: "file"; archiveDigest: Digest | null }
  | { kind: "archive"; archiveDigest: Digest | null };

export function targetsOf(report: ArchiveReport): VerdictTarget[] {
  const archiveDigest = report.archiveDigest ?? null;
  if (report.format === "file") return [{ kind: "file", archiveDigest }];
  if (report.images.length === 0) return [{ kind: "archive", archiveDigest }];
  return report.images.map((image: ImageReport, index) => ({
    kind: "image",
    index,
    imageId: image.imageId,
    manifestDigest: image.manifestDigest ?? null,
    indexDigests: [
      ...new Set([...(image.indexDigest ? [image.indexDigest] : []), ...[...(image.indexChain ?? [])].reverse()]),
    ],
    archiveDigest,
    platform: image.platform ? formatPlatform(image.platform) : null,
    claimedNames: image.names,
  }));
}

/** The problems that concern a target: its own (by imageId), and every archive-wide one. */
export function problemsOf(
  target: VerdictTarget,
  report: ArchiveReport,
): { tampered: Problem[]; unsupported: Problem[] } {
  const concerns = (p: Problem) =>
    target.kind !== "image" || !("imageId" in p) || p.imageId === undefined || p.imageId === target.imageId;
  const mine = report.problems.filter(concerns);
  return { tampered: mine.filter(isTamperedProblem), unsupported: mine.filter((p) => !isTamperedProblem(p)) };
}

/** The digest kinds a release names in the same role as the target's computed digests. */
export function matchedKinds(target: VerdictTarget, release: Release): DigestKind[] {
  const kinds: DigestKind[] = [];
  if (target.kind === "image") {
    if (target.imageId !== null && release.imageId === target.imageId) kinds.push("imageId");
    if (target.manifestDigest !== null && release.manifestDigest === target.manifestDigest)
      kinds.push("manifestDigest");
    if (release.indexDigest !== null && target.indexDigests.includes(release.indexDigest)) kinds.push("indexDigest");
  }
  if (target.archiveDigest !== null && release.archiveDigest === target.archiveDigest) kinds.push("archiveDigest");
  return kinds;
}

/** Every digest of the target, to look releases up by. */
export function digestsOf(target: VerdictTarget): Digest[] {
  const digests =
    target.kind === "image"
      ? [target.imageId, target.manifestDigest, ...target.indexDigests, target.archiveDigest]
      : [target.archiveDigest];
  return [...new Set(digests.filter((d): d is Digest => d !== null))];
}

/** Every digest of the target with the role it has there (an outer index is an indexDigest too). */
export function digestRolesOf(target: VerdictTarget): { digest: Digest; kind: DigestKind }[] {
  const roles: { digest: Digest | null; kind: DigestKind }[] =
    target.kind === "image"
      ? [
          { digest: target.imageId, kind: "imageId" },
          { digest: target.manifestDigest, kind: "manifestDigest" },
          ...target.indexDigests.map((digest) => ({ digest, kind: "indexDigest" as const })),
          { digest: target.archiveDigest, kind: "archiveDigest" },
        ]
      : [{ digest: target.archiveDigest, kind: "archiveDigest" }];
  const seen = new Set<string>();
  return roles.filter(
    (r): r is { digest: Digest; kind: DigestKind } =>
      r.digest !== null && !seen.has(r.digest) && Boolean(seen.add(r.digest)),
  );
}

/** Whether the release names the digest in any role (the contract lists it under the digest then). */
export function namesDigest(release: Release, digest: Digest): boolean {
  return (
    release.imageId === digest ||
    release.manifestDigest === digest ||
    release.indexDigest === digest ||
    release.archiveDigest === digest
  );
}
