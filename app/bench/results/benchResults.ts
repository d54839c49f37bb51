// The shape of public/bench/results.json: every run's raw figures, their summaries per
// case and contender, and the targets judged on them.
import type { ContenderId, Measurement } from "../contenders/contender.ts";

export interface ContenderSummary {
  id: ContenderId;
  runs: Measurement[];
  /** Archive bytes / median wall time, in MB/s (10^6 bytes). */
  medianMBps: number;
  medianWallMs: number;
  /** Median over rounds of (base's time / this contender's time) in the same round. */
  ratioToSha256sum: number | null;
  ratioToOpenssl: number | null;
  /** Worst run. */
  peakRssMiB: number | null;
  peakExtraMiB: number | null;
  medianCpuMs: number | null;
}

export interface CaseResult {
  id: string;
  label: string;
  file: { name: string; bytes: number; compression: "none" | "gzip"; layers: number; layerBytes: number };
  contenders: ContenderSummary[];
}

export interface TargetResult {
  id: string;
  text: string;
  measured: number | null;
  bound: number;
  met: boolean | null;
  /** measured / bound for ratios, bound / measured for memory: how far from the line. */
  margin: number | null;
}

export interface BenchResults {
  date: string;
  quick: boolean;
  runsPerCase: number;
  machine: {
    cores: number;
    cpu: string;
    memoryGiB: number;
    os: string;
    node: string;
    chromium: string | null;
    sha256sum: string;
    openssl: string;
    gzip: string;
    loadAverage: number[];
  };
  method: string[];
  contenders: Partial<Record<ContenderId, string>>;
  cases: CaseResult[];
  targets: TargetResult[];
}
