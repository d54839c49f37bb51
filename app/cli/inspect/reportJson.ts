// `imageseal inspect --json`: the report as one JSON document for scripts. A projection
// of ArchiveReport; digests are always `sha256:<64 hex>`.
import { formatPlatform } from "../../image/formats/platform.ts";
import type { ArchiveReport, Note, Problem } from "../../image/report.ts";

export interface InspectJson {
  format: ArchiveReport["format"];
  compression: ArchiveReport["compression"];
  archiveDigest?: string;
  verdict: ArchiveReport["verdict"];
  problems: Problem[];
  notes: Note[];
  images: {
    imageId: string | null;
    names: string[];
    platform?: string;
    created?: string;
    manifestDigest?: string;
    indexDigest?: string;
    layers: { diffId: string | null; computed: string | null; blobDigest?: string; status: string }[];
  }[];
}

export function reportJson(report: ArchiveReport): InspectJson {
  const json: InspectJson = {
    format: report.format,
    compression: report.compression,
    verdict: report.verdict,
    problems: report.problems,
    notes: report.notes,
    images: [],
  };
  if (report.archiveDigest) json.archiveDigest = report.archiveDigest;
  json.images = report.images.map((image) => {
    const out: InspectJson["images"][number] = {
      imageId: image.imageId,
      names: image.names,
      layers: image.layers.map((layer) => {
        const projected: InspectJson["images"][number]["layers"][number] = {
          diffId: layer.diffId,
          computed: layer.computed,
          status: layer.status,
        };
        if (layer.blobDigest) projected.blobDigest = layer.blobDigest;
        return projected;
      }),
    };
    if (image.platform) out.platform = formatPlatform(image.platform);
    if (image.created) out.created = image.created;
    if (image.manifestDigest) out.manifestDigest = image.manifestDigest;
    if (image.indexDigest) out.indexDigest = image.indexDigest;
    return out;
  });
  return json;
}
