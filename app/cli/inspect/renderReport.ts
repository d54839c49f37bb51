// `imageseal inspect`: the report for people. Verified facts and the archive's own
// claims are labelled as such; every problem is printed with its reason. Names, paths and
// platforms come from the archive: every line is escaped for the terminal (terminalText.ts).
import { formatPlatform } from "../../image/formats/platform.ts";
import { formatBytes } from "../../image/progress/formatBytes.ts";
import type { ArchiveReport, ImageReport, LayerReport, Note } from "../../image/report.ts";
import { terminalLines } from "../terminalText.ts";

const FORMAT_LABELS: Record<ArchiveReport["format"], string> = {
  "docker-archive": "docker-archive (manifest.json)",
  "oci-layout": "OCI image layout",
  "oci-layout+docker-manifest": "OCI image layout + Docker manifest.json",
  file: "not an image archive: a plain file",
  unknown: "unreadable",
  registry: "registry reference",
};

const VERDICT_LINES: Record<ArchiveReport["verdict"], string> = {
  intact: "INTACT: every image matches its own digests",
  tampered: "TAMPERED: the archive contradicts its own digests",
  unsupported: "UNSUPPORTED: the engine cannot vouch for this archive",
};

function layerLine(layer: LayerReport): string[] {
  const size = layer.size === null ? "" : `  ${formatBytes(layer.size)}`;
  const compression = layer.compression && layer.compression !== "none" ? ` ${layer.compression}` : "";
  const lines = [
    `    ${String(layer.index + 1).padStart(2)}  ${layer.status.padEnd(11)} diffId ${layer.diffId ?? "(none declared)"}${size}${compression}`,
  ];
  const notComputed = {
    ok: "",
    mismatch: "(does not decompress)",
    missing: "(missing)",
    unsupported: "(not checked)",
    "not-pulled": "(not pulled)",
  }[layer.status];
  if (layer.computed !== layer.diffId) lines.push(`                     found  ${layer.computed ?? notComputed}`);
  if (layer.blobDigest) lines.push(`                     blob   ${layer.blobDigest}`);
  return lines;
}

/** Notes about one image are printed with it; the rest under "notes". */
function isAbout(note: Note, image: ImageReport): boolean {
  return note.imageId !== undefined && note.imageId === image.imageId;
}

function imageLines(image: ImageReport, index: number, count: number, notes: readonly Note[]): string[] {
  const lines = [`image ${index + 1} of ${count}`, `  imageId    ${image.imageId ?? "(config missing)"}`];
  if (image.platform) lines.push(`  platform   ${formatPlatform(image.platform)}`);
  if (image.created) lines.push(`  created    ${image.created}`);
  if (image.manifestDigest) lines.push(`  manifest   ${image.manifestDigest}`);
  if (image.indexDigest) lines.push(`  index      ${image.indexDigest}`);
  if (image.indexChain && image.indexChain.length > 1)
    lines.push(`  via        ${image.indexChain.slice(0, -1).join(" → ")}`);
  lines.push(
    `  names      ${image.names.length > 0 ? image.names.join(", ") : "(none)"}   (claimed by the archive, not verified)`,
  );
  for (const note of notes.filter((n) => isAbout(n, image))) lines.push(`  note       ${note.message}`);
  lines.push(`  layers`);
  for (const layer of image.layers) lines.push(...layerLine(layer));
  return lines;
}

export function renderReport(report: ArchiveReport, fileName: string): string {
  const lines = [
    `${fileName}  (${FORMAT_LABELS[report.format]}${report.compression !== "none" ? `, ${report.compression}-compressed` : ""}, ${formatBytes(report.size)})`,
  ];
  if (report.format === "file")
    lines.push(
      `archiveDigest  ${report.archiveDigest ?? ""}`,
      "",
      "This file holds no container image; its archiveDigest is its identity.",
    );
  else {
    if (report.archiveDigest)
      lines.push(`archiveDigest  ${report.archiveDigest}   (identifies these bytes only, never an image)`);
    lines.push(`verdict        ${VERDICT_LINES[report.verdict]}`);
  }
  for (const [i, image] of report.images.entries()) {
    lines.push("", ...imageLines(image, i, report.images.length, report.notes));
  }
  if (report.problems.length > 0) {
    lines.push("", `problems (${report.problems.length})`);
    for (const problem of report.problems) lines.push(`  ✗ ${problem.message}`);
  }
  const archiveNotes = report.notes.filter((note) => !report.images.some((image) => isAbout(note, image)));
  if (archiveNotes.length > 0) {
    lines.push("", "notes");
    for (const note of archiveNotes) lines.push(`  · ${note.message}`);
  }
  return terminalLines(lines);
}
