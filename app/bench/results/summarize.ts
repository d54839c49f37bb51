// From raw runs to the figures the report shows: medians, paired ratios, worst memory.

import { itemAt } from "../../image/util/itemAt.ts";
import type { Target } from "../benchCases.ts";
import type { ContenderId, Measurement } from "../contenders/contender.ts";
import type { CaseResult, ContenderSummary, TargetResult } from "./benchResults.ts";

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? itemAt(sorted, middle) : (itemAt(sorted, middle - 1) + itemAt(sorted, middle)) / 2;
}

const MiB = (kib: number | null) => (kib === null ? null : kib / 1024);

function worst(values: (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === values.length && known.length > 0 ? Math.max(...known) : null;
}

/** Rounds: in each, every contender ran once on the same file, in rotated order. */
export function summarizeCase(
  bytes: number,
  rounds: readonly Partial<Record<ContenderId, Measurement>>[],
): ContenderSummary[] {
  const ids = [...new Set(rounds.flatMap((round) => Object.keys(round) as ContenderId[]))];
  const pairedRatio = (id: ContenderId, base: ContenderId): number | null => {
    const ratios = rounds.flatMap((round) => {
      const mine = round[id];
      const theirs = round[base];
      return mine && theirs ? [theirs.wallMs / mine.wallMs] : [];
    });
    return ratios.length > 0 ? median(ratios) : null;
  };
  return ids.map((id) => {
    const runs = rounds.flatMap((round) => (round[id] ? [round[id]] : []));
    const medianWallMs = median(runs.map((run) => run.wallMs));
    const cpu = runs.map((run) => run.cpuMs);
    return {
      id,
      runs,
      medianMBps: bytes / 1e6 / (medianWallMs / 1000),
      medianWallMs,
      ratioToSha256sum: pairedRatio(id, "sha256sum"),
      ratioToOpenssl: pairedRatio(id, "openssl"),
      peakRssMiB: MiB(worst(runs.map((run) => run.peakRssKiB))),
      peakExtraMiB: MiB(worst(runs.map((run) => run.extraRssKiB))),
      medianCpuMs: cpu.every((value) => value !== null) ? median(cpu as number[]) : null,
    };
  });
}

export function judgeTargets(targets: readonly Target[], cases: readonly CaseResult[], quick: boolean): TargetResult[] {
  return targets.map((target) => {
    const contender = cases
      .find((c) => c.id === target.caseId)
      ?.contenders.find((c) => c.id === target.measure.contender);
    let measured: number | null = null;
    if (contender && target.measure.kind === "ratio")
      measured = target.measure.base === "sha256sum" ? contender.ratioToSha256sum : contender.ratioToOpenssl;
    if (contender && target.measure.kind === "extra-memory") measured = contender.peakExtraMiB;
    const ratio = target.measure.kind === "ratio";
    let met: boolean | null = null;
    if (measured !== null && !quick)
      met = ratio ? (target.strict ? measured > target.bound : measured >= target.bound) : measured < target.bound;
    const margin = measured === null ? null : ratio ? measured / target.bound : target.bound / Math.max(measured, 1e-9);
    return { id: target.id, text: target.text, measured, bound: target.bound, met, margin };
  });
}
