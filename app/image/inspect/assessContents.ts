// From an archive's entries to its report: detect the layout, discover the images,
// hash what they need, check every image and every blob, merge the two views of the
// combined layout, and settle the verdict.
import { discoverDockerArchive } from "../formats/discoverDockerArchive.ts";
import { discoverOciLayout } from "../formats/discoverOciLayout.ts";
import { detectLayout, layoutFolder } from "../formats/detectLayout.ts";
import type { Discovery } from "../formats/imagePlan.ts";
import { problemKey, verdictOf } from "../problems.ts";
import type { ArchiveCompression, ArchiveReport, Note, Problem } from "../report.ts";
import { blobRoles } from "../verify/blobRoles.ts";
import { checkBlobs } from "../verify/checkBlobs.ts";
import { digestNeeds } from "../verify/digestNeeds.ts";
import { DigestsByEntry } from "../verify/digestsByEntry.ts";
import { evaluateImage } from "../verify/evaluateImage.ts";
import { mergeViews } from "../verify/mergeViews.ts";
import type { ContentsBackend } from "./contentsBackend.ts";

export interface AssessInput {
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

export async function assessContents({ backend, compression, size, archiveDigest }: AssessInput): Promise<ArchiveReport> {
  const { contents } = backend;
  const format = await detectLayout(contents);
  if (format === "file") {
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
    notes: [...discoveries.flatMap((d) => d.notes), ...merged.notes],
    images: merged.images.map((e) => e.image),
  };
  if (computed.archiveDigest) report.archiveDigest = computed.archiveDigest;
  return report;
}
