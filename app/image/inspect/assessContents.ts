// From an archive's entries to its report: detect the layout, discover the images,
// hash what they need, check every image and every blob, merge the two views of the
// combined layout, and settle the verdict.

import { detectLayout, layoutFolder } from "../formats/detectLayout.ts";
import { discoverDockerArchive } from "../formats/discoverDockerArchive.ts";
import { discoverOciLayout } from "../formats/discoverOciLayout.ts";
import { legacyImageFolders, unsafeLayoutFiles } from "../formats/hiddenLayouts.ts";
import type { Discovery } from "../formats/imagePlan.ts";
import { problem, problemKey, verdictOf } from "../problems.ts";
import type { ArchiveCompression, ArchiveReport, Note, Problem } from "../report.ts";
import type { EntryTable } from "../tar/entryTable.ts";
import { blobRoles } from "../verify/blobRoles.ts";
import { checkBlobs } from "../verify/checkBlobs.ts";
import { digestNeeds } from "../verify/digestNeeds.ts";
import { DigestsByEntry } from "../verify/digestsByEntry.ts";
import { evaluateImage } from "../verify/evaluateImage.ts";
import { mergeViews } from "../verify/mergeViews.ts";
import type { ContentsBackend } from "./contentsBackend.ts";

interface AssessInput {
  backend: ContentsBackend;
  compression: ArchiveCompression;
  size: number;
  archiveDigest: boolean;
}

function dedupe(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = problemKey(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function layoutInFolderMessage(folder: string): string {
  return (
    `This tar holds an image layout inside the folder ${folder}/ rather than at its root, so it is read as a plain file ` +
    `(docker load and podman would not load it either). To check the image, archive the folder's contents: tar -cf image.tar -C ${folder} .`
  );
}

function legacyFoldersText(folders: readonly string[]): string {
  return `docker 20.10 would load ${folders.length === 1 ? "the folder" : "the folders"} ${folders.join(", ")} as images of the pre-1.10 layout (v1 json files, no manifest.json)`;
}

/**
 * A tar the engine reads as no image, that docker would still load images from: not a plain
 * file. Refused with what docker would do (hiddenLayouts.ts), so the card never says "no image".
 */
function hiddenLayoutReport(
  table: EntryTable,
  legacy: readonly string[],
  compression: ArchiveCompression,
  size: number,
): ArchiveReport | null {
  const unsafe = unsafeLayoutFiles(table);
  if (unsafe.length === 0 && legacy.length === 0) return null;
  const problems = [...table.problems];
  if (legacy.length > 0) {
    const reason = `${legacyFoldersText(legacy)}, whose image IDs the archive never states: ImageSeal cannot vouch for them`;
    problems.push(problem<"no-images">({ code: "no-images", reason }, reason));
  }
  // A legacy docker save is still a docker archive, one the engine cannot read.
  const format = legacy.length > 0 ? "docker-archive" : "unknown";
  return { format, compression, size, verdict: verdictOf(problems), problems, notes: [], images: [] };
}

/** Beside a layout the other loaders read, legacy folders are what docker alone would load instead. */
function legacyBesideLayout(legacy: readonly string[]): Problem[] {
  if (legacy.length === 0) return [];
  const message = `ambiguous archive: ${legacyFoldersText(legacy)}, while containers/image and containerd read the OCI layout`;
  return [
    problem<"ambiguous-archive">(
      { code: "ambiguous-archive", construct: "legacy-layout", path: legacy[0] ?? null },
      message,
    ),
  ];
}

export async function assessContents({
  backend,
  compression,
  size,
  archiveDigest,
}: AssessInput): Promise<ArchiveReport> {
  const { contents } = backend;
  const format = await detectLayout(contents);
  const legacy = legacyImageFolders(contents.table);
  if (format === "file") {
    const hidden = hiddenLayoutReport(contents.table, legacy, compression, size);
    if (hidden) {
      const computed = await backend.digest([], archiveDigest);
      if (computed.archiveDigest) hidden.archiveDigest = computed.archiveDigest;
      return hidden;
    }
    // A tar that holds no image is a plain digital asset: its identity is its own digest.
    const computed = await backend.digest([], true);
    const folder = layoutFolder(contents.table);
    const notes: Note[] = folder === null ? [] : [{ code: "layout-in-folder", message: layoutInFolderMessage(folder) }];
    const report: ArchiveReport = { format, compression, size, verdict: "intact", problems: [], notes, images: [] };
    if (computed.archiveDigest) report.archiveDigest = computed.archiveDigest;
    return report;
  }
  const discoveries: Discovery[] = [];
  if (format !== "docker-archive") discoveries.push(await discoverOciLayout(contents));
  if (format !== "oci-layout") discoveries.push(await discoverDockerArchive(contents));
  const plans = discoveries.flatMap((d) => d.images);
  const computed = await backend.digest(digestNeeds(contents.table, plans), archiveDigest);
  const digests = new DigestsByEntry(computed.byEntry);
  const evaluated = plans.map((plan) => evaluateImage(plan, digests));
  const merged = mergeViews(evaluated);
  const problems = dedupe([
    ...contents.table.problems,
    ...legacyBesideLayout(legacy),
    ...discoveries.flatMap((d) => d.problems),
    ...merged.images.flatMap((e) => e.problems),
    ...checkBlobs(contents.table, digests, blobRoles(evaluated)),
  ]);
  const report: ArchiveReport = {
    format,
    compression,
    size,
    verdict: verdictOf(problems),
    problems,
    notes: [...discoveries.flatMap((d) => d.notes), ...merged.notes, ...merged.images.flatMap((e) => e.notes)],
    images: merged.images.map((e) => e.image),
  };
  if (computed.archiveDigest) report.archiveDigest = computed.archiveDigest;
  return report;
}
