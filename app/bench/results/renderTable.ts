// The results as Markdown tables: the one the README shows, and the terminal prints.
import type { BenchResults, ContenderSummary } from "./benchResults.ts";

export const CONTENDER_LABELS: Record<ContenderSummary["id"], string> = {
  sha256sum: "sha256sum",
  openssl: "openssl dgst -sha256",
  gunzip: "gzip -d (decompress only)",
  cli: "imageseal inspect (CLI)",
  browser: "Verify page (Chromium)",
};

const fixed = (value: number | null, digits: number, suffix = "") =>
  value === null ? "–" : `${value.toFixed(digits)}${suffix}`;

function row(contender: ContenderSummary): string {
  const memory =
    contender.peakRssMiB === null
      ? "–"
      : `${contender.peakRssMiB.toFixed(0)} MiB${contender.peakExtraMiB === null ? "" : ` (+${contender.peakExtraMiB.toFixed(1)})`}`;
  return `| ${CONTENDER_LABELS[contender.id]} | ${contender.medianMBps.toFixed(0)} | ${fixed(contender.medianWallMs / 1000, 2)} | ${fixed(contender.ratioToSha256sum, 2, "×")} | ${fixed(contender.ratioToOpenssl, 2, "×")} | ${memory} |`;
}

export function renderTable(results: BenchResults): string {
  const lines: string[] = [];
  for (const result of results.cases) {
    const size =
      result.file.bytes >= 2 ** 30
        ? `${(result.file.bytes / 2 ** 30).toFixed(2)} GiB`
        : `${(result.file.bytes / 2 ** 20).toFixed(0)} MiB`;
    lines.push(`**${result.label}** — \`${result.file.name}\`, ${size} on disk`, "");
    lines.push("| contender | MB/s | s | × sha256sum | × openssl | peak RSS (extra) |", "|---|--:|--:|--:|--:|--:|");
    for (const contender of result.contenders) lines.push(row(contender));
    lines.push("");
  }
  lines.push("| target | measured | margin | met |", "|---|--:|--:|:-:|");
  for (const target of results.targets) {
    const memory = target.id.endsWith("memory");
    const met = target.met === null ? "not judged" : target.met ? "yes" : "**no**";
    // Memory: MiB left under the bound (negative: over it); ratios: measured / bound.
    const margin =
      target.measured === null
        ? "–"
        : memory
          ? `${(target.bound - target.measured).toFixed(2)} MiB`
          : `${((target.measured / target.bound - 1) * 100).toFixed(0)} %`;
    lines.push(`| ${target.text} | ${fixed(target.measured, 2, memory ? " MiB" : "×")} | ${margin} | ${met} |`);
  }
  return `${lines.join("\n")}\n`;
}
