// An archive → the release(s) to publish, decided as the Publish page decides them
// (app/features/publish/releaseCandidates.ts): a tampered or unsupported archive is refused;
// a plain file is one release by its sha256; an image is one release per platform, the
// platforms of one multi-platform image together; the name normalized as Docker reads it and
// refused with hidden characters. Where the page offers a choice, the command takes an option.
import type { ReleaseInput } from "../../chain/release.ts";
import { releaseInputProblems } from "../../chain/releaseInput.ts";
import {
  publishBlocker,
  type ReleaseCandidate,
  recordedName,
  releaseCandidates,
  releaseInputsFor,
  siblingsOf,
} from "../../features/publish/releaseCandidates.ts";
import type { ArchiveReport } from "../../image/report.ts";
import { itemAt } from "../../image/util/itemAt.ts";

/** The archive cannot be published as asked: exit status 2, before any chain call. */
export class ArchiveReleaseError extends Error {
  override readonly name = "ArchiveReleaseError";
  /** What the engine found wrong with the archive, one line each ("the problems below"). */
  readonly problems: readonly string[];
  constructor(message: string, problems: readonly string[] = []) {
    super(message);
    this.problems = problems;
  }
}

/** Enough to see what is wrong; `imageseal inspect` lists them all. */
const MAX_PROBLEMS_SHOWN = 10;

export interface Choice {
  /** `--name`, as typed. */
  name: string;
  /** `--image`: an imageId or indexDigest (or a unique prefix of its hex), for archives holding several images. */
  image: string | undefined;
  /** `--platform`: keep only these platforms of a multi-platform image (e.g. linux/amd64). */
  platforms: readonly string[];
}

export interface ArchiveReleases {
  inputs: ReleaseInput[];
  /** Per input, the platform it is for (null for a single-platform image or a file). */
  platforms: (string | null)[];
  isImage: boolean;
}

/** The images of one index (the platforms of one multi-platform image) together; every other image alone. */
function groupsOf(candidates: readonly ReleaseCandidate[]): ReleaseCandidate[][] {
  return candidates
    .filter((candidate) => siblingsOf(candidates, candidate)[0] === candidate)
    .map((first) => siblingsOf(candidates, first));
}

const hexOf = (text: string) =>
  text
    .trim()
    .toLowerCase()
    .replace(/^sha256:/, "");

function describeGroup(group: readonly ReleaseCandidate[]): string {
  const first = itemAt(group, 0);
  const names = [...new Set(group.flatMap((member) => member.claimedNames))];
  const identity =
    group.length > 1 ? `index ${first.indexDigest} (${group.length} platforms)` : `image ${first.imageId}`;
  return `${identity}${names.length > 0 ? ` tagged ${names.join(", ")}` : ""}`;
}

function chooseGroup(groups: readonly ReleaseCandidate[][], image: string | undefined): ReleaseCandidate[] {
  if (image === undefined) {
    if (groups.length === 1) return itemAt(groups, 0);
    throw new ArchiveReleaseError(
      `The archive holds ${groups.length} images; choose one with --image <imageId or indexDigest>: ${groups.map(describeGroup).join("; ")}.`,
    );
  }
  const wanted = hexOf(image);
  if (!/^[0-9a-f]{6,64}$/.test(wanted))
    throw new ArchiveReleaseError(
      `--image must be an imageId or indexDigest (sha256:… or at least 6 hex digits of it): "${image}".`,
    );
  const matches = groups.filter((group) =>
    group.some((member) =>
      [member.imageId, member.indexDigest].some((digest) => digest !== null && hexOf(digest).startsWith(wanted)),
    ),
  );
  if (matches.length === 1) return itemAt(matches, 0);
  throw new ArchiveReleaseError(
    matches.length === 0
      ? `No image in the archive has the imageId or indexDigest ${image}: it holds ${groups.map(describeGroup).join("; ")}.`
      : `--image ${image} matches ${matches.length} images: give more digits.`,
  );
}

function choosePlatforms(group: readonly ReleaseCandidate[], platforms: readonly string[]): ReleaseCandidate[] {
  if (platforms.length === 0) return [...group];
  const known = group.map((member) => member.platform);
  const unknown = platforms.filter((platform) => !known.includes(platform));
  if (unknown.length > 0)
    throw new ArchiveReleaseError(
      `The image has no platform ${unknown.join(", ")}; it has ${known.map((p) => p ?? "an unnamed platform").join(", ")}.`,
    );
  return group.filter((member) => member.platform !== null && platforms.includes(member.platform));
}

export function archiveReleases(report: ArchiveReport, choice: Choice): ArchiveReleases {
  const blocker = publishBlocker(report);
  if (blocker !== null) {
    const problems = report.problems.map((problem) => problem.message);
    const shown = problems.slice(0, MAX_PROBLEMS_SHOWN);
    if (problems.length > shown.length)
      shown.push(`and ${problems.length - shown.length} more (imageseal inspect lists them all)`);
    throw new ArchiveReleaseError(blocker, shown);
  }
  const isImage = report.format !== "file";
  if (!isImage && (choice.image !== undefined || choice.platforms.length > 0))
    throw new ArchiveReleaseError(
      "The file holds no container image, so --image and --platform do not apply: it is recorded by its sha256.",
    );
  const chosen = choosePlatforms(chooseGroup(groupsOf(releaseCandidates(report)), choice.image), choice.platforms);
  const recorded = recordedName(choice.name, isImage);
  if (recorded.problem !== null) throw new ArchiveReleaseError(recorded.problem);
  const inputs = releaseInputsFor(chosen, recorded.name);
  const problems = [...new Set(inputs.flatMap(releaseInputProblems))];
  if (problems.length > 0) throw new ArchiveReleaseError(problems.join(" "));
  return { inputs, platforms: chosen.map((member) => member.platform), isImage };
}
