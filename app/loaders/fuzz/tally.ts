// Running figures of a fuzz run: what `npm run fuzz:loaders` prints at the end.
import type { LoaderName } from "../reading.ts";
import type { CaseResult } from "./runCase.ts";

interface Tally {
  cases: number;
  engineVerdicts: Record<string, number>;
  accepted: Partial<Record<LoaderName, number>>;
  read: Partial<Record<LoaderName, number>>;
  /** Cases with at least one disagreement, by "kind / family / trick". */
  disagreements: Record<string, number>;
  disagreementCases: number;
  falseAlarms: Record<string, number>;
  falseAlarmCases: number;
  /** Of those, by category (see FalseAlarm.category). */
  falseAlarmCategories: Record<string, number>;
  /** Engine intact, an applicable loader refused (not a broken promise). */
  refusedIntact: Partial<Record<LoaderName, number>>;
  msPerLoader: Partial<Record<LoaderName, number>>;
  newCorpusCases: string[];
}

export function emptyTally(): Tally {
  return {
    cases: 0,
    engineVerdicts: {},
    accepted: {},
    read: {},
    disagreements: {},
    disagreementCases: 0,
    falseAlarms: {},
    falseAlarmCases: 0,
    falseAlarmCategories: {},
    refusedIntact: {},
    msPerLoader: {},
    newCorpusCases: [],
  };
}

const bump = <K extends string>(record: Partial<Record<K, number>>, key: K, by = 1) => {
  record[key] = (record[key] ?? 0) + by;
};

export function addToTally(tally: Tally, result: CaseResult): void {
  tally.cases++;
  bump(tally.engineVerdicts, result.engine.verdict);
  for (const reading of result.readings) {
    bump(tally.read, reading.loader);
    if (reading.accepted) bump(tally.accepted, reading.loader);
    bump(tally.msPerLoader, reading.loader, reading.ms ?? 0);
  }
  const steps = result.built.steps.map((s) => `${s.family}/${s.trick}`).join("+");
  const kinds = new Set(result.comparison.disagreements.map((d) => `${d.kind} / ${steps}`));
  for (const kind of kinds) bump(tally.disagreements, kind);
  if (kinds.size > 0) tally.disagreementCases++;
  if (result.comparison.falseAlarm) {
    tally.falseAlarmCases++;
    bump(tally.falseAlarmCategories, result.comparison.falseAlarm.category);
    bump(
      tally.falseAlarms,
      `[${result.comparison.falseAlarm.category}] ${result.comparison.falseAlarm.problems.join(",")} / ${steps}`,
    );
  }
  for (const loader of result.comparison.refusedIntact) bump(tally.refusedIntact, loader);
}

export function formatTally(tally: Tally, loaders: readonly string[], seed: number, minutes: number): string {
  const lines = [
    `seed ${seed}, ${minutes.toFixed(1)} min, loaders: ${loaders.join(", ") || "none"}`,
    `cases: ${tally.cases}`,
    `engine verdicts: ${JSON.stringify(tally.engineVerdicts)}`,
    "per loader: accepted / read (mean ms per case):",
    ...Object.entries(tally.read).map(
      ([l, n]) =>
        `  ${l}: ${tally.accepted[l as LoaderName] ?? 0} / ${n} (${Math.round((tally.msPerLoader[l as LoaderName] ?? 0) / (n || 1))} ms)`,
    ),
    `disagreements (engine intact, a loader loaded what the engine did not report): ${tally.disagreementCases} cases`,
    ...Object.entries(tally.disagreements)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `  ${n} × ${k}`),
    `false alarms (engine refused, every applicable loader loaded only what the engine found): ${tally.falseAlarmCases} cases, by category ${JSON.stringify(tally.falseAlarmCategories)}`,
    ...Object.entries(tally.falseAlarms)
      .sort((a, b) => b[1] - a[1])
      .map(([k, n]) => `  ${n} × ${k}`),
    `engine intact but a loader refused: ${JSON.stringify(tally.refusedIntact)}`,
    `new corpus cases: ${tally.newCorpusCases.length}${tally.newCorpusCases.map((c) => `\n  ${c}`).join("")}`,
  ];
  return lines.join("\n");
}
