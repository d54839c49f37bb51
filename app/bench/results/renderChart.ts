// The results as a self-contained SVG: one group of horizontal bars per archive, MB/s per
// contender, labelled with the ratio to sha256sum. No fonts or scripts to fetch.
import type { BenchResults, ContenderSummary } from "./benchResults.ts";
import { CONTENDER_LABELS } from "./renderTable.ts";

const COLORS: Record<ContenderSummary["id"], string> = {
  sha256sum: "#8a8f98",
  openssl: "#5b6472",
  gunzip: "#b59f6b",
  cli: "#2f7d6d",
  browser: "#3b6fd8",
};

const WIDTH = 860;
const LABEL_WIDTH = 210;
const BAR_HEIGHT = 18;
const GAP = 6;
const GROUP_GAP = 30;

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export function renderChart(results: BenchResults): string {
  const max = Math.max(...results.cases.flatMap((c) => c.contenders.map((contender) => contender.medianMBps)));
  const scale = (WIDTH - LABEL_WIDTH - 190) / max;
  const parts: string[] = [];
  let y = 58;
  for (const result of results.cases) {
    parts.push(`<text x="16" y="${y}" class="case">${escapeXml(result.label)}</text>`);
    y += 10;
    for (const contender of result.contenders) {
      const width = Math.max(1, contender.medianMBps * scale);
      const ratio =
        contender.id === "sha256sum" || contender.ratioToSha256sum === null
          ? ""
          : ` · ${contender.ratioToSha256sum.toFixed(2)}× sha256sum`;
      parts.push(
        `<text x="${LABEL_WIDTH - 8}" y="${y + BAR_HEIGHT - 5}" class="label" text-anchor="end">${escapeXml(CONTENDER_LABELS[contender.id])}</text>`,
        `<rect x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(1)}" height="${BAR_HEIGHT}" rx="2" fill="${COLORS[contender.id]}"/>`,
        `<text x="${(LABEL_WIDTH + width + 6).toFixed(1)}" y="${y + BAR_HEIGHT - 5}" class="value">${contender.medianMBps.toFixed(0)} MB/s${ratio}</text>`,
      );
      y += BAR_HEIGHT + GAP;
    }
    y += GROUP_GAP - GAP;
  }
  const { machine } = results;
  const title = `ImageSeal: verifying an image archive vs. hashing it${results.quick ? " (quick run: small archives)" : ""}`;
  const subtitle = `${results.date.slice(0, 10)} · ${machine.cores} cores (${machine.cpu}) · warm page cache · median of ${results.runsPerCase} alternating runs · higher is better`;
  const height = y + 4;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-label="${escapeXml(title)}">
<style>text{font-family:system-ui,-apple-system,"Segoe UI",sans-serif;fill:#1f2328}.title{font-size:16px;font-weight:600}.sub{font-size:12px;fill:#57606a}.case{font-size:13px;font-weight:600}.label{font-size:12px}.value{font-size:12px;fill:#57606a}</style>
<rect width="100%" height="100%" fill="#ffffff"/>
<text x="16" y="24" class="title">${escapeXml(title)}</text>
<text x="16" y="42" class="sub">${escapeXml(subtitle)}</text>
${parts.join("\n")}
</svg>
`;
}
