// Numbers for people, shared by every page. Sizes use the engine's formatter, as the CLI
// does, so the terminal and the page print the same figures.
export { formatBytes } from "../image/progress/formatBytes.ts";

export function formatRate(mbPerSecond: number): string {
  return `${mbPerSecond >= 100 ? mbPerSecond.toFixed(0) : mbPerSecond.toFixed(1)} MB/s`;
}

export function formatDuration(seconds: number): string {
  if (seconds < 1) return "under a second";
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  return `${minutes} min ${Math.round(seconds % 60)} s`;
}

export function formatDate(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}
