// Chooses the next case: mostly single mutations, walked in a seeded shuffle across all
// bases (so a long run covers every trick on every target), sometimes a random combination
// of two or three mutations of one base, sometimes the whole archive gzipped (docker reads
// a .tar.gz; the engine takes its streaming path for it).
import { loadBase } from "../mutate/baseArchive.ts";
import { BASES, FIXTURES_DIR } from "../mutate/bases.ts";
import { type Mutation, type MutationSet, mutationsOf } from "../mutate/mutations.ts";
import { pick, type Random, shuffled } from "./seededRandom.ts";

interface PickedCase {
  set: MutationSet;
  steps: Mutation[];
  gzip: boolean;
}

export function loadMutationSets(only?: readonly string[]): MutationSet[] {
  return Object.entries(BASES)
    .filter(([file, short]) => !only || only.includes(short) || only.includes(file))
    .map(([file, short]) => mutationsOf(loadBase(`${FIXTURES_DIR}${file}`), short));
}

export function casePicker(sets: readonly MutationSet[], random: Random, filter?: RegExp): () => PickedCase {
  const singles = shuffled(
    random,
    sets.flatMap((set) =>
      set.mutations
        .filter((m) => m.family !== "control" && (!filter || filter.test(m.id)))
        .map((mutation) => ({ set, mutation })),
    ),
  );
  let next = 0;
  return () => {
    const roll = random();
    if (roll < 0.8 || singles.length === 0) {
      const single = singles[next++ % Math.max(singles.length, 1)];
      if (!single) throw new RangeError("no mutation matches");
      return { set: single.set, steps: [single.mutation], gzip: random() < 0.08 };
    }
    const set = pick(random, sets);
    const pool = set.mutations.filter((m) => m.family !== "control");
    const count = 2 + Math.floor(random() * 2);
    const steps: Mutation[] = [];
    for (let i = 0; i < count; i++) {
      const step = pick(random, pool);
      if (!steps.some((s) => s.target === step.target)) steps.push(step);
    }
    return { set, steps, gzip: random() < 0.15 };
  };
}
