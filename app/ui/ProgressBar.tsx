import { formatBytes, formatDuration, formatRate } from "./format.ts";

interface ProgressFigures {
  bytesDone: number;
  bytesTotal: number;
  mbPerSecond: number;
  etaSeconds: number | null;
}

/** A determinate progress bar with the figures a user of a multi-GB file wants: done, speed, time left. */
export function ProgressBar({
  label,
  progress,
  onCancel,
}: {
  label: string;
  progress: ProgressFigures | null;
  onCancel: () => void;
}) {
  const fraction = progress && progress.bytesTotal > 0 ? Math.min(1, progress.bytesDone / progress.bytesTotal) : 0;
  return (
    // biome-ignore lint/a11y/useSemanticElements: a progress panel, not a form: a <fieldset> would announce form fields; the named group is what it is.
    <div className="progress card" role="group" aria-label={label}>
      <div className="progress-head">
        <strong>{label}</strong>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
      <progress max={1} value={fraction} aria-label={`${label}: ${Math.round(fraction * 100)}%`} />
      <p className="muted progress-figures" aria-live="polite">
        {progress === null
          ? "Reading the archive's headers…"
          : `${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)} · ${formatRate(progress.mbPerSecond)}${progress.etaSeconds === null ? "" : ` · ${formatDuration(progress.etaSeconds)} left`}`}
      </p>
    </div>
  );
}
