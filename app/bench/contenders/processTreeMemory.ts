// Resident memory of a process and all its descendants (Chromium: browser, renderer,
// utility and zygote processes; Web Workers are threads of the renderer), summed from
// /proc/<pid>/status VmRSS. Shared pages count once per process that maps them, so the
// sum overstates; the benchmark subtracts the same sum at rest, which cancels most of it.
import { readdirSync, readFileSync } from "node:fs";
import { present } from "../../image/util/itemAt.ts";

function parentOf(pid: number): number | null {
  try {
    // Field 4 of /proc/<pid>/stat, after the parenthesized command name (which may hold spaces).
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null; // the process is gone
  }
}

function descendantsOf(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent !== null) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const tree: number[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const pid = present(stack.pop(), "a pid on the stack");
    tree.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** The child of `parent` whose command line contains `needle` (e.g. the Chromium Playwright launched). */
export function childMatching(parent: number, needle: string): number | null {
  for (const pid of descendantsOf(parent)) {
    if (pid === parent) continue;
    try {
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(needle) && parentOf(pid) === parent) return pid;
    } catch {
      // gone
    }
  }
  return null;
}

/** CPU time (user + system) the tree's processes have used so far, ms (USER_HZ = 100). */
export function treeCpuMs(root: number): number {
  let ticks = 0;
  for (const pid of descendantsOf(root)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      // gone
    }
  }
  return ticks * 10;
}

/** Chromium's process type from its command line (--type=renderer …); the browser process has none. */
export function processKind(pid: number): string {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, "utf8");
    const type = /--type=([a-z-]+)/.exec(cmdline)?.[1] ?? "browser";
    // Utility processes do one service each (network, storage, audio…): name it.
    const service = /--utility-sub-type=([\w.]+)/.exec(cmdline)?.[1]?.split(".")[0];
    return service ? `${type}:${service}` : type;
  } catch {
    return "gone";
  }
}

function rssKiB(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

/** Samples the tree's summed RSS at a fixed interval and keeps the peak. */
export class TreeMemorySampler {
  readonly #root: number;
  #pids: number[];
  #timer: NodeJS.Timeout | null = null;
  #ticks = 0;
  peakKiB = 0;
  samples = 0;
  /** Each process's RSS at the moment of the peak, KiB. */
  peakByPid = new Map<number, number>();

  constructor(root: number) {
    this.#root = root;
    this.#pids = descendantsOf(root);
  }

  /** The summed RSS now. */
  sample(): number {
    return this.sampleByPid().total;
  }

  /** The summed RSS now, and each process's part. */
  sampleByPid(): { total: number; byPid: Map<number, number> } {
    // New processes are picked up every 20 samples: scanning /proc is costlier than reading RSS.
    if (this.#ticks++ % 20 === 0) this.#pids = descendantsOf(this.#root);
    const byPid = new Map(this.#pids.map((pid) => [pid, rssKiB(pid)]));
    const total = [...byPid.values()].reduce((sum, kib) => sum + kib, 0);
    if (total > this.peakKiB) {
      this.peakKiB = total;
      this.peakByPid = byPid;
    }
    this.samples++;
    return { total, byPid };
  }

  start(intervalMs: number): void {
    this.peakKiB = 0;
    this.samples = 0;
    this.peakByPid = new Map();
    this.sample();
    this.#timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): number {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    this.sample();
    return this.peakKiB;
  }
}
