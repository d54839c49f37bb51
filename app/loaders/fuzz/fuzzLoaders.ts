// npm run fuzz:loaders -- --minutes N [--loaders skopeo,docker,containerd] [--seed S]
//   [--bases d20,oci] [--only <regex on mutation ids>] [--max-cases N] [--no-write]
// Runs fresh mutations of the small real fixtures through the engine and every loader
// present, prints each case and the figures, and writes each NEW finding (disagreement, or
// false alarm) into app/loaders/corpus/.
import { parseArgs } from "node:util";
import { createNodeHashPool } from "../../image/pool/nodeHashPool.ts";
import { startLoaders } from "../drivers/loaderSet.ts";
import { LOADER_FAMILIES, type LoaderFamily, type LoaderName } from "../reading.ts";
import { casePicker, loadMutationSets } from "./casePicker.ts";
import { falseAlarmKey, findingSignatures, loadCorpus, writeCorpusCase } from "./corpusCase.ts";
import { minimizeCase } from "./minimizeCase.ts";
import { type CaseResult, caseRunner } from "./runCase.ts";
import { seededRandom } from "./seededRandom.ts";
import { addToTally, emptyTally, formatTally } from "./tally.ts";

const SHORT: Record<LoaderName, string> = {
  "skopeo-docker-archive": "skD",
  "skopeo-oci-archive": "skO",
  docker: "dkr",
  containerd: "ctd",
};
/** New false-alarm signatures committed per run (not by-design ones): they are many and alike; disagreements are all kept. */
const MAX_FALSE_ALARM_CASES = 25;

const { values } = parseArgs({
  options: {
    minutes: { type: "string", default: "5" },
    loaders: { type: "string", default: LOADER_FAMILIES.join(",") },
    seed: { type: "string" },
    bases: { type: "string" },
    only: { type: "string" },
    "max-cases": { type: "string" },
    "no-write": { type: "boolean", default: false },
  },
});

const seed = values.seed ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
const families = values.loaders
  .split(",")
  .filter((f): f is LoaderFamily => (LOADER_FAMILIES as readonly string[]).includes(f));
const deadline = Date.now() + Number(values.minutes) * 60_000;
const maxCases = values["max-cases"] ? Number(values["max-cases"]) : Number.POSITIVE_INFINITY;
console.log(`fuzz:loaders seed ${seed} (replay with --seed ${seed}), ${values.minutes} min`);

const loaders = await startLoaders(families);
for (const [family, why] of Object.entries(loaders.absent)) console.log(`loader ${family}: absent (${why})`);
console.log(`loaders present: ${loaders.present.join(", ") || "none"}`);
let stopping = false;
process.once("SIGINT", () => {
  stopping = true;
  console.log("\nSIGINT: finishing the current case, then stopping the loaders");
});

const pool = createNodeHashPool({ concurrency: 1 });
const runner = await caseRunner(loaders, pool);
const sets = loadMutationSets(values.bases?.split(","));
const next = casePicker(sets, seededRandom(seed), values.only ? new RegExp(values.only) : undefined);
const known = new Set(loadCorpus().flatMap((c) => c.signature.split(" ; ")));
const taken = new Set(loadCorpus().map((c) => c.name));
const falseAlarmKinds = new Set(
  loadCorpus().flatMap((c) =>
    c.finding === "false-alarm" && "problems" in c.engineWhenFound ? [falseAlarmKey(c.engineWhenFound.problems)] : [],
  ),
);
const tally = emptyTally();
let falseAlarmsWritten = 0;
const started = Date.now();

function line(n: number, result: CaseResult): string {
  const loadersText = result.readings
    .map((r) => `${SHORT[r.loader]}:${r.accepted ? (r.images.length > 0 ? "✓" : "∅") : "✗"}`)
    .join(" ");
  const flags = [
    result.comparison.disagreements.length > 0
      ? `DISAGREE(${[...new Set(result.comparison.disagreements.map((d) => `${SHORT[d.loader]} ${d.kind}`))].join(", ")})`
      : "",
    result.comparison.falseAlarm ? `FALSE-ALARM(${result.comparison.falseAlarm.problems.join(",")})` : "",
    result.engine.verdict === "crash" ? `ENGINE-CRASH(${"error" in result.engine ? result.engine.error : ""})` : "",
  ].filter(Boolean);
  const ms = result.readings.map((r) => `${SHORT[r.loader]} ${r.ms ?? 0}`).join(", ");
  return `#${n} ${result.built.id} [${result.built.bytes.length} B] engine=${result.engine.verdict} ${loadersText} ${flags.join(" ")} (ms: ${ms})`;
}

try {
  for (let n = 1; Date.now() < deadline && n <= maxCases && !stopping; n++) {
    const picked = next();
    const result = await runner.run(picked.set, picked.steps, picked.gzip);
    if (!result) continue;
    addToTally(tally, result);
    console.log(line(n, result));
    const fresh = findingSignatures(result).filter((s) => !known.has(s));
    if (fresh.length === 0 || values["no-write"]) continue;
    const finding = result.comparison.disagreements.length > 0 ? "disagreement" : "false-alarm";
    // refusing ambiguity (duplicate entries, "ambiguous-archive") is the issue's decision: counted, not committed
    if (finding === "false-alarm") {
      const kind = falseAlarmKey(result.comparison.falseAlarm?.problems ?? []);
      if (
        falseAlarmsWritten >= MAX_FALSE_ALARM_CASES ||
        result.comparison.falseAlarm?.category === "by-design" ||
        falseAlarmKinds.has(kind)
      )
        continue;
      falseAlarmKinds.add(kind);
      falseAlarmsWritten++;
    }
    const small =
      finding === "disagreement" ? await minimizeCase(result, picked.set, sets, runner) : { result, set: picked.set };
    if (small.result !== result)
      console.log(`  minimized to ${small.result.built.id} [${small.result.built.bytes.length} B]`);
    const written = await writeCorpusCase(small.result, finding, small.set.material.evilImageIds, taken);
    for (const s of [...fresh, ...findingSignatures(small.result)]) known.add(s);
    tally.newCorpusCases.push(`${written.name} (${finding}): ${written.summary.join("; ")}`);
    console.log(`  → corpus/${written.file}`);
  }
} finally {
  await runner.close();
  await pool.close();
  await loaders.stop();
}
console.log(`\n${formatTally(tally, loaders.present, seed, (Date.now() - started) / 60_000)}`);
