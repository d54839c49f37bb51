// One differential case: write the archive to a temp file, ask the engine and every loader,
// compare. Applicability (which loaders can read this kind of archive at all) comes from
// the same base rebuilt without a trick, read once per base and compression.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { HashPool } from "../../image/pool/hashPool.ts";
import { type Comparison, compareReadings } from "../compareReadings.ts";
import type { LoaderSet } from "../drivers/loaderSet.ts";
import { type BuiltCase, buildCase, type Mutation, type MutationSet } from "../mutate/mutations.ts";
import type { LoaderName, LoaderReading } from "../reading.ts";
import { type EngineOutcome, runEngine } from "../runEngine.ts";

export interface CaseResult {
  built: BuiltCase;
  engine: EngineOutcome;
  readings: LoaderReading[];
  applicable: LoaderName[];
  comparison: Comparison;
}

export interface CaseRunner {
  run(set: MutationSet, steps: readonly Mutation[], gzip: boolean): Promise<CaseResult | null>;
  close(): Promise<void>;
}

export async function caseRunner(loaders: LoaderSet, pool: HashPool): Promise<CaseRunner> {
  const dir = await mkdtemp(join(tmpdir(), "imageseal-fuzz-"));
  const applicableCache = new Map<string, LoaderName[]>();
  let counter = 0;

  async function readBytes(bytes: Uint8Array, gzip: boolean) {
    const file = join(dir, `case-${counter++}.tar${gzip ? ".gz" : ""}`);
    await writeFile(file, bytes);
    try {
      const engine = await runEngine(file, pool);
      const readings = await loaders.read(file);
      return { engine, readings };
    } finally {
      await rm(file, { force: true });
    }
  }

  async function applicableFor(set: MutationSet, gzip: boolean): Promise<LoaderName[]> {
    const key = `${set.base.name}|${gzip}`;
    const known = applicableCache.get(key);
    if (known) return known;
    const control = buildCase(
      set,
      set.mutations.filter((m) => m.family === "control"),
      gzip,
    );
    const names = control
      ? (await readBytes(control.bytes, gzip)).readings.filter((r) => r.accepted).map((r) => r.loader)
      : [];
    applicableCache.set(key, names);
    return names;
  }

  return {
    async run(set, steps, gzip) {
      const built = buildCase(set, steps, gzip);
      if (!built) return null;
      const applicable = await applicableFor(set, gzip);
      const { engine, readings } = await readBytes(built.bytes, gzip);
      return { built, engine, readings, applicable, comparison: compareReadings(engine, readings, applicable) };
    },
    async close() {
      await rm(dir, { recursive: true, force: true });
    },
  };
}
