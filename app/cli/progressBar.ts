// A one-line progress bar on stderr, redrawn in place. Only for terminals: when stderr
// is piped or redirected nothing is written, so logs stay clean.

import { formatBytes } from "../image/progress/formatBytes.ts";
import type { InspectProgress } from "../image/report.ts";
import type { CliIo } from "./command.ts";

/** Short runs finish before a bar helps; it appears only after this long. */
const SHOW_AFTER_MS = 400;

interface ProgressBar {
  update(progress: InspectProgress): void;
  clear(): void;
}

function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return "";
  if (seconds < 60) return `ETA ${Math.ceil(seconds)}s`;
  return `ETA ${Math.floor(seconds / 60)}m${String(Math.ceil(seconds % 60)).padStart(2, "0")}s`;
}

export function renderBar(progress: InspectProgress, width: number): string {
  const fraction = progress.bytesTotal > 0 ? progress.bytesDone / progress.bytesTotal : 1;
  const stats = `${Math.floor(fraction * 100)
    .toString()
    .padStart(
      3,
    )}%  ${formatBytes(progress.bytesDone)} / ${formatBytes(progress.bytesTotal)}  ${progress.mbPerSecond.toFixed(0)} MB/s  ${formatEta(progress.etaSeconds)}`;
  const barWidth = Math.max(10, Math.min(40, width - stats.length - 4));
  const filled = Math.round(fraction * barWidth);
  return `[${"#".repeat(filled)}${"-".repeat(barWidth - filled)}] ${stats}`;
}

export function createProgressBar(stderr: CliIo["stderr"], now: () => number = () => Date.now()): ProgressBar {
  const startedAt = now();
  let drawn = false;
  return {
    update(progress) {
      if (!stderr.isTTY || now() - startedAt < SHOW_AFTER_MS) return;
      const line = renderBar(progress, stderr.columns ?? 80);
      stderr.write(`\r${line}\x1b[K`);
      drawn = true;
    },
    clear() {
      if (drawn) stderr.write("\r\x1b[K");
      drawn = false;
    },
  };
}
