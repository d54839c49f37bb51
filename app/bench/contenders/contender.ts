// What every contender of the benchmark answers for one archive, and the typed error
// a run raises when a contender's answer is wrong (then its time means nothing).
import type { CachedArchive } from "../archives/archiveCache.ts";

export type ContenderId = "sha256sum" | "openssl" | "gunzip" | "cli" | "browser";

export interface Measurement {
  /** From the start of the work to its answer (see each contender for what that spans). */
  wallMs: number;
  /** Peak resident memory of the contender (process, or process tree), KiB; null when not measurable. */
  peakRssKiB: number | null;
  /** Peak minus the same measure at rest (see each contender), KiB; null when not measured. */
  extraRssKiB: number | null;
  /** CPU time (user + system) the work took, ms; null when not measurable. */
  cpuMs: number | null;
  /** Share of the machine's CPU busy just before this run (other processes; see quietMachine.ts). */
  busyBefore?: number;
  /** Share of the machine's CPU that other processes used during this run. */
  othersDuring?: number;
  /** Why this run does not count (something outside the contender interfered); the harness runs it again. */
  disturbed?: string;
  /** When the contender times only part of measure() (the browser): the machine's busy time (minus the harness's own) and the length of that part, ms. */
  window?: { machineBusyMs: number; ms: number };
  /** The browser's extra memory at its peak, by Chromium process type (renderer, browser, utility…), KiB. */
  extraByProcess?: Record<string, number>;
}

export interface Contender {
  id: ContenderId;
  /** One line for the report: what exactly is timed. */
  describe: string;
  appliesTo(archive: CachedArchive): boolean;
  measure(archive: CachedArchive): Promise<Measurement>;
  close(): Promise<void>;
}

export class BenchCheckError extends Error {
  override readonly name = "BenchCheckError";
  readonly code = "bench-check";
}
