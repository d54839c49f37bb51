// Makes a finding small before it is committed: a combination is tried step by step alone,
// and each candidate is tried on the smaller bases that have the same target (the same
// trick on docker20-save-small instead of the two-image archive). The smallest archive
// that still shows a finding of the same kind wins; the original when none does.
import type { Mutation, MutationSet } from "../mutate/mutations.ts";
import type { CaseResult, CaseRunner } from "./runCase.ts";

function sameBaseId(step: Mutation, set: MutationSet): Mutation | undefined {
  const short = set.mutations[0]?.id.split(".")[0] ?? "";
  const id = step.id.replace(/^[^.]+/, short);
  return set.mutations.find((m) => m.id === id);
}

function kindsOf(result: CaseResult): string {
  return (
    [...new Set(result.comparison.disagreements.map((d) => d.kind))].sort().join(",") +
    (result.comparison.falseAlarm ? "|false-alarm" : "")
  );
}

export async function minimizeCase(
  found: CaseResult,
  set: MutationSet,
  sets: readonly MutationSet[],
  runner: CaseRunner,
): Promise<{ result: CaseResult; set: MutationSet }> {
  const wanted = kindsOf(found);
  const candidates: { set: MutationSet; steps: Mutation[] }[] = [];
  const stepLists = found.built.steps.length > 1 ? found.built.steps.map((s) => [s]) : [found.built.steps];
  for (const steps of stepLists) {
    for (const other of sets) {
      const mapped = steps.map((s) => (other === set ? s : sameBaseId(s, other)));
      if (mapped.every((m): m is Mutation => m !== undefined)) candidates.push({ set: other, steps: mapped });
    }
  }
  let best = { result: found, set };
  for (const candidate of candidates) {
    if (candidate.set === set && candidate.steps.length === found.built.steps.length) continue;
    const result = await runner.run(candidate.set, candidate.steps, found.built.gzip);
    if (result && kindsOf(result) === wanted && result.built.bytes.length < best.result.built.bytes.length)
      best = { result, set: candidate.set };
  }
  return best;
}
