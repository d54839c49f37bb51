import type { ArchiveReport } from "../image/report.ts";
import { formatBytes, formatRate } from "../ui/format.ts";
import { HiddenCharactersFlag, UntrustedText } from "../ui/UntrustedText.tsx";

const VERDICT_WORDS: Record<ArchiveReport["verdict"], string> = {
  intact: "intact: every digest checks out",
  tampered: "tampered: the archive contradicts its own digests",
  unsupported: "unsupported: ImageSeal cannot vouch for it",
};

/** What the e2e parity spec compares with the CLI engine's report: problem codes and every image's digests. */
function reportIdentities(report: ArchiveReport): string {
  return JSON.stringify({
    format: report.format,
    problems: report.problems.map((problem) => problem.code),
    images: report.images.map((image) => ({
      imageId: image.imageId,
      diffIds: image.layers.map((layer) => layer.diffId),
      computed: image.layers.map((layer) => layer.computed),
    })),
  });
}

/**
 * One line on what was inspected and how fast. `data-bytes` / `data-ms` carry the raw
 * figures for the benchmark harness (app/bench), which drives this page in Chromium;
 * `data-report` the engine's answer, which e2e/engineParity.spec.ts compares with the CLI's.
 */
export function InspectSummary({ fileName, report, ms }: { fileName: string; report: ArchiveReport; ms: number }) {
  const mbPerSecond = report.size / 1e6 / Math.max(ms / 1000, 1e-3);
  const what = report.format === "file" ? "a plain file (no container image inside)" : VERDICT_WORDS[report.verdict];
  return (
    <p
      className="inspect-summary muted"
      data-testid="inspect-summary"
      data-bytes={report.size}
      data-ms={ms.toFixed(1)}
      data-verdict={report.verdict}
      data-report={reportIdentities(report)}
    >
      <strong>
        <UntrustedText text={fileName} what="file name" flag={false} />
      </strong>
      <HiddenCharactersFlag text={fileName} what="file name" /> · {formatBytes(report.size)} checked in{" "}
      {(ms / 1000).toFixed(2)} s ({formatRate(mbPerSecond)}) — {what}
    </p>
  );
}
