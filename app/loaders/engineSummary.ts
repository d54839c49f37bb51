// The engine's report cut down to what the loaders can be compared on: the verdict, the
// problem codes behind it, and per image the config digest, its diff_ids and the manifest /
// index digests. Built from the engine's public report only.
import type { ArchiveReport } from "../image/report.ts";

interface EngineImage {
  imageId: string | null;
  diffIds: (string | null)[];
  manifestDigest?: string;
  indexDigests: string[];
}

export interface EngineSummary {
  verdict: ArchiveReport["verdict"];
  format: ArchiveReport["format"];
  /** Problem codes, with the construct for "ambiguous-archive" (e.g. "ambiguous-archive:json"). */
  problems: string[];
  images: EngineImage[];
}

export function summarizeReport(report: ArchiveReport): EngineSummary {
  return {
    verdict: report.verdict,
    format: report.format,
    problems: report.problems.map((problem) =>
      problem.code === "ambiguous-archive" ? `${problem.code}:${problem.construct}` : problem.code,
    ),
    images: report.images.map((image) => {
      const summary: EngineImage = {
        imageId: image.imageId,
        diffIds: image.layers.map((layer) => layer.diffId),
        indexDigests: [...new Set([...(image.indexChain ?? []), ...(image.indexDigest ? [image.indexDigest] : [])])],
      };
      if (image.manifestDigest) summary.manifestDigest = image.manifestDigest;
      return summary;
    }),
  };
}
