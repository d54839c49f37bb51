// What to publish, read by the same engine as `imageseal inspect` and `verify`: an archive
// (every layer hashed, the file's own sha256 too: a plain file is released by it), or a
// registry reference (its manifest or index, each platform's manifest and config, checked
// against their digests; with --pull every layer too). Then turned into releases.
import type { ArchiveReport } from "../../image/report.ts";
import type { CliIo } from "../command.ts";
import { type InspectTargetOptions, inspectTarget } from "../verify/inspectTarget.ts";
import type { VerifyTarget } from "../verify/verifyTarget.ts";
import { type ArchiveReleases, archiveReleases, type Choice } from "./archiveReleases.ts";

export interface InspectedForPublishing extends ArchiveReleases {
  report: ArchiveReport;
}

export async function inspectForPublishing(
  target: VerifyTarget,
  choice: Choice,
  options: InspectTargetOptions,
  io: CliIo,
): Promise<InspectedForPublishing> {
  const report = await inspectTarget(target, options, io);
  return { ...archiveReleases(report, choice), report };
}
