// Other processes on the machine skew a benchmark, and unevenly: a contender with two
// threads loses half its speed to one busy neighbour, a one-thread contender barely
// notices. So each measurement starts only once the machine is quiet (the share of CPU
// time not idle, over half a second while the harness itself waits, below a threshold),
// and a run during which other processes took more than that share is run again.
import { readFileSync } from "node:fs";

/** Linux reports CPU times in USER_HZ ticks, 100 per second on every common kernel. */
export const TICK_MS = 10;

/** All cores' busy and total time since boot, in ticks (/proc/stat). */
export function cpuTimes(): { busy: number; total: number } {
  // /proc/stat "cpu" line: user nice system idle iowait irq softirq steal …
  const fields = (readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "").trim().split(/\s+/).slice(1).map(Number);
  const total = fields.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

/** The share (0–1) of all cores' time spent busy over `ms`. */
async function busyShare(ms = 500): Promise<number> {
  const before = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = cpuTimes();
  return (after.busy - before.busy) / Math.max(1, after.total - before.total);
}

/**
 * Waits until the machine is quiet (busy share ≤ `threshold`), at most `maxWaitMs`.
 * Returns the last busy share seen, so a result can say how quiet it was.
 */
export async function waitForQuiet(threshold: number, maxWaitMs: number): Promise<number> {
  const deadline = Date.now() + maxWaitMs;
  let share = await busyShare();
  while (share > threshold && Date.now() < deadline) share = await busyShare();
  return share;
}
