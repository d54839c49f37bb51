// What an inspected archive can be published as. A plain file is one release named by its
// sha256; an image archive offers one release per image, and the platforms of one
// multi-platform image (they share an indexDigest) go together, one release each.
import type { ReleaseInput } from "../../chain/release.ts";
import type { Digest } from "../../image/digest.ts";
import { formatPlatform } from "../../image/formats/platform.ts";
import type { ArchiveReport } from "../../image/report.ts";
import { hasHiddenCharacters } from "../../verdict/hiddenCharacters.ts";
import { normalizeImageName } from "../../verdict/normalizeImageName.ts";

export interface ReleaseCandidate {
  key: string;
  imageId: Digest | null;
  manifestDigest: Digest | null;
  indexDigest: Digest | null;
  archiveDigest: Digest | null;
  platform: string | null;
  /** Names the archive claims for it (tags, ref.name annotations), to prefill the name. */
  claimedNames: string[];
}

/** Why an archive cannot be published, or null when it can. */
export function publishBlocker(report: ArchiveReport): string | null {
  if (report.verdict === "tampered") {
    return "This archive contradicts its own digests (see the problems below), so it cannot be published. Publish an intact copy of the image.";
  }
  if (report.verdict === "unsupported") {
    const reason = report.problems[0]?.message ?? "its format is not supported";
    return `ImageSeal cannot vouch for this archive (${reason}), so it cannot be published.`;
  }
  if (report.format !== "file" && report.images.every((image) => image.imageId === null))
    return "No image in this archive has a config, so there is nothing to publish.";
  return null;
}

export function releaseCandidates(report: ArchiveReport): ReleaseCandidate[] {
  if (report.format === "file") {
    return [
      {
        key: "file",
        imageId: null,
        manifestDigest: null,
        indexDigest: null,
        archiveDigest: report.archiveDigest ?? null,
        platform: null,
        claimedNames: [],
      },
    ];
  }
  return report.images
    .filter((image) => image.imageId !== null)
    .map((image, index) => ({
      key: `${index}:${image.imageId}`,
      imageId: image.imageId,
      manifestDigest: image.manifestDigest ?? null,
      indexDigest: image.indexDigest ?? null,
      archiveDigest: null,
      platform: image.platform ? formatPlatform(image.platform) : null,
      claimedNames: image.names,
    }));
}

/** Candidates published together with `candidate`: the other platforms of its image index. */
export function siblingsOf(candidates: readonly ReleaseCandidate[], candidate: ReleaseCandidate): ReleaseCandidate[] {
  if (candidate.indexDigest === null) return [candidate];
  return candidates.filter((other) => other.indexDigest === candidate.indexDigest);
}

/** The name to prefill: the first name the archive claims for the chosen releases. */
export function claimedNameOf(chosen: readonly ReleaseCandidate[]): string {
  return chosen.flatMap((candidate) => candidate.claimedNames)[0] ?? "";
}

export function releaseInputsFor(chosen: readonly ReleaseCandidate[], name: string): ReleaseInput[] {
  return chosen.map(({ imageId, manifestDigest, indexDigest, archiveDigest }) => ({
    name,
    imageId,
    manifestDigest,
    indexDigest,
    archiveDigest,
  }));
}

/**
 * The name as it will be recorded. An image's name is normalized the way Docker reads it
 * (`nginx` → `docker.io/library/nginx:latest`), because verifiers compare names exactly;
 * text Docker would not accept as an image reference is refused. A plain file's name is kept
 * as typed, but never with control, bidi or invisible characters: the contract refuses only
 * bytes below 0x20 and 0x7f, and a name like "tool\u202Eexe.zip" reads as something it is not
 * wherever it is shown. Refused before the wallet opens, for images and files alike.
 */
export function recordedName(typed: string, isImage: boolean): { name: string; problem: string | null } {
  const trimmed = typed.trim();
  if (hasHiddenCharacters(trimmed)) {
    return {
      name: trimmed,
      problem: `“${trimmed}” holds control, bidi or invisible characters (marked in it): verifiers would read a name that is not what it looks like. Remove them.`,
    };
  }
  if (!isImage || trimmed === "") return { name: trimmed, problem: null };
  const normalized = normalizeImageName(trimmed);
  if (normalized === null)
    return {
      name: trimmed,
      problem: `“${trimmed}” is not an image reference Docker would accept; use e.g. docker.io/acme/api:1.4.2.`,
    };
  return { name: normalized, problem: null };
}
