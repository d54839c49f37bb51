// A bounded run of FRESH mutations against skopeo live (docker-archive: and oci-archive:),
// so every `npm test` tries cases no one has tried before. Seeded: the seed is printed, and
// SKOPEO_DIFF_SEED replays a run. Skips where skopeo is missing, except in CI, which
// installs it (.ci/run): there a missing skopeo fails the run.
import assert from "node:assert/strict";
import { after, before, it } from "node:test";
import type { HashPool } from "../image/pool/hashPool.ts";
import { createNodeHashPool } from "../image/pool/nodeHashPool.ts";
import { type LoaderSet, startLoaders } from "./drivers/loaderSet.ts";
import { isCommandPresent } from "./drivers/runCommand.ts";
import { casePicker, loadMutationSets } from "./fuzz/casePicker.ts";
import { type CaseRunner, caseRunner } from "./fuzz/runCase.ts";
import { seededRandom } from "./fuzz/seededRandom.ts";

const CASES = Number(process.env.SKOPEO_DIFF_CASES ?? 30);
const seed = Number(process.env.SKOPEO_DIFF_SEED ?? Math.floor(Math.random() * 2 ** 31));
const skopeoPresent = await isCommandPresent("skopeo");
if (!skopeoPresent && process.env.CI)
  throw new Error("skopeo is missing in CI: .ci/run installs it (apt-get install skopeo)");

let pool: HashPool;
let loaders: LoaderSet;
let runner: CaseRunner;
before(async () => {
  if (!skopeoPresent) return;
  pool = createNodeHashPool({ concurrency: 2 });
  loaders = await startLoaders(["skopeo"]);
  runner = await caseRunner(loaders, pool);
});
after(async () => {
  if (!skopeoPresent) return;
  await runner.close();
  await loaders.stop();
  await pool.close();
});

it(`${CASES} fresh mutations: skopeo loads nothing the engine called intact without reporting it`, {
  skip: skopeoPresent ? false : "skopeo is not installed (CI installs it)",
  timeout: 240_000,
}, async (t) => {
  t.diagnostic(`seed ${seed} (replay: SKOPEO_DIFF_SEED=${seed})`);
  const next = casePicker(loadMutationSets(), seededRandom(seed));
  const broken: string[] = [];
  let ran = 0;
  let accepted = 0;
  while (ran < CASES) {
    const picked = next();
    const result = await runner.run(picked.set, picked.steps, picked.gzip);
    if (!result) continue;
    ran++;
    if (result.readings.some((r) => r.accepted)) accepted++;
    for (const d of result.comparison.disagreements)
      broken.push(`${result.built.id}: ${d.loader} ${d.kind} ${d.image.imageId}`);
  }
  t.diagnostic(`${ran} cases, ${accepted} accepted by skopeo`);
  assert.ok(accepted > 0, "skopeo accepted none of the cases: the harness is not reading archives");
  assert.deepEqual(
    broken,
    [],
    `seed ${seed}: run \`npm run fuzz:loaders -- --loaders skopeo --seed ${seed}\` to commit these cases`,
  );
});
