import type { ArchiveReport } from "../image/report.ts";
import { formatBytes, formatRate } from "../ui/format.ts";

const VERDICT_WORDS: Record<ArchiveReport["verdict"], string> = {
  intact: "intact: every digest checks out",
  tampered: "tampered: the archive contradicts its own digests",
  unsupported: "unsupported: ImageSeal cannot vouch for it",
};

/**
 * One line on what was inspected and how fast. `data-bytes` / `data-ms` carry the raw
 * figures for the benchmark harness (app/bench), which drives this page in Chromium.
 */
export function InspectSummary({ fileName, report, ms }: { fileName: string; report: ArchiveReport; ms: number }) {
  const mbPerSecond = report.size / 1e6 / Math.max(ms / 1000, 1e-3);
  const what = report.format === "file" ? "a plain file (no container image inside)" : VERDICT_WORDS[report.verdict];
  return (
    <p className="inspect-summary muted" data-testid="inspect-summary" data-bytes={report.size} data-ms={ms.toFixed(1)} data-verdict={report.verdict}>
      <strong>{fileName}</strong> · {formatBytes(report.size)} checked in {(ms / 1000).toFixed(2)} s ({formatRate(mbPerSecond)}) — {what}
    </p>
  );
}
