// Reports for inputs that hold no image to check: plain files, empty or unreadable input.
import type { Digest } from "../digest.ts";
import type { ImageEngineError } from "../errors.ts";
import { TarFormatError } from "../errors.ts";
import { problem } from "../problems.ts";
import type { ArchiveCompression, ArchiveReport, Note } from "../report.ts";

const EMPTY_SHA256: Digest = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

export function fileReport(
  size: number,
  compression: ArchiveCompression,
  archiveDigest: Digest,
  notes: Note[] = [],
): ArchiveReport {
  return { format: "file", compression, size, archiveDigest, verdict: "intact", problems: [], notes, images: [] };
}

export function emptyReport(archiveDigest: boolean): ArchiveReport {
  const report: ArchiveReport = {
    format: "unknown",
    compression: "none",
    size: 0,
    verdict: "unsupported",
    problems: [problem<"empty-input">({ code: "empty-input" }, "the file is empty")],
    notes: [],
    images: [],
  };
  if (archiveDigest) report.archiveDigest = EMPTY_SHA256;
  return report;
}

export function unreadableReport(
  error: ImageEngineError,
  size: number,
  compression: ArchiveCompression,
  archiveDigest?: Digest,
): ArchiveReport {
  const fields: { code: "unreadable-archive"; reason: string; offset?: number } = {
    code: "unreadable-archive",
    reason: error.message,
  };
  if (error instanceof TarFormatError) fields.offset = error.offset;
  const what = compression === "gzip" ? "the gzip-compressed archive" : "the archive";
  const report: ArchiveReport = {
    format: "unknown",
    compression,
    size,
    verdict: "unsupported",
    problems: [problem<"unreadable-archive">(fields, `${what} cannot be read: ${error.message}`)],
    notes: [],
    images: [],
  };
  if (archiveDigest) report.archiveDigest = archiveDigest;
  return report;
}
