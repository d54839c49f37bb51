// The committed findings and the real fixtures against the promise, with the loaders'
// committed readings (no tool needed): when the engine says intact, no loader loads an
// image the engine did not report. A failure names the case; its JSON says which loader
// loaded what and which mutation made the archive.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, it } from "node:test";
import type { HashPool } from "../image/pool/hashPool.ts";
import { createNodeHashPool } from "../image/pool/nodeHashPool.ts";
import { compareReadings } from "./compareReadings.ts";
import { CORPUS_DIR, loadCorpus } from "./fuzz/corpusCase.ts";
import { FIXTURE_READINGS_FILE, type FixtureReadings } from "./fuzz/recordFixtureReadings.ts";
import { FIXTURES_DIR } from "./mutate/bases.ts";
import { imageKey } from "./reading.ts";
import { runEngine } from "./runEngine.ts";

interface ExpectedFixture {
  intact: boolean;
  images: { imageId: string; diffIds: string[] }[];
}

const expected = JSON.parse(readFileSync(`${FIXTURES_DIR}expected.json`, "utf8")) as Record<string, ExpectedFixture>;
const fixtureReadings = JSON.parse(readFileSync(FIXTURE_READINGS_FILE, "utf8")) as FixtureReadings;
/** Real archives the engine refuses on purpose although loaders read them (README: zstd is not opened). */
const KNOWN_UNSUPPORTED: Record<string, string> = { "skopeo-copy-oci-archive-zstd.tar": "unsupported-compression" };

let pool: HashPool;
before(() => {
  pool = createNodeHashPool({ concurrency: 2 });
});
after(async () => {
  await pool.close();
});

describe("committed corpus: no loader loads what the engine called intact without reporting it", () => {
  const corpus = loadCorpus();
  it("holds at least one case per finding class the harness committed", () => {
    assert.ok(corpus.length > 0, "app/loaders/corpus/ is empty");
    for (const c of corpus)
      assert.equal(readFileSync(`${CORPUS_DIR}${c.file}`).length, c.size, `${c.file} changed since it was committed`);
  });
  it("flags, with the committed readings, the engine answer each disagreement case was found with", () => {
    // keeps the cases honest: each still shows a broken promise for the engine that had it
    for (const c of corpus.filter((one) => one.finding === "disagreement")) {
      const then = compareReadings(c.engineWhenFound, c.readings, c.applicable);
      assert.ok(then.disagreements.length > 0, c.name);
    }
  });
  for (const c of corpus) {
    it(`${c.name}: ${c.mutations.map((m) => m.trick).join(" + ")} on ${c.mutations.map((m) => m.target).join(", ")}`, async (t) => {
      const engine = await runEngine(`${CORPUS_DIR}${c.file}`, pool);
      assert.notEqual(engine.verdict, "crash", "error" in engine ? engine.error : "");
      const { disagreements, falseAlarm } = compareReadings(engine, c.readings, c.applicable);
      // a false alarm is a verdict error too, but refusing ambiguity may be the decision: shown, not failed
      if (falseAlarm)
        t.diagnostic(
          `false alarm (${falseAlarm.category}): engine ${falseAlarm.verdict} ${falseAlarm.problems.join(", ")}`,
        );
      assert.deepEqual(
        disagreements.map((d) => `${d.loader} ${d.kind} ${d.image.imageId}`),
        [],
        `engine ${engine.verdict}; the loaders loaded: ${c.summary.join("; ")}`,
      );
    });
  }
});

describe("real fixtures: the loaders' committed readings match expected.json, and the engine agrees with them", () => {
  for (const [file, readings] of Object.entries(fixtureReadings.fixtures)) {
    const truth = expected[file];
    it(`${file}: every image a loader loaded is in expected.json`, () => {
      assert.ok(truth, `${file} has no expected.json entry`);
      const known = new Set(truth.images.map(imageKey));
      const accepted = readings.filter((r) => r.accepted);
      assert.ok(accepted.length > 0, "no loader read this real archive");
      for (const reading of accepted)
        for (const image of reading.images)
          assert.ok(known.has(imageKey(image)), `${reading.loader} loaded ${image.imageId}`);
    });
    it(`${file}: the engine reports what the loaders loaded, and refuses nothing they all accept`, async () => {
      const engine = await runEngine(`${FIXTURES_DIR}${file}`, pool);
      const applicable = readings.filter((r) => r.accepted).map((r) => r.loader);
      const comparison = compareReadings(engine, readings, applicable);
      assert.deepEqual(comparison.disagreements, []);
      const refusal = KNOWN_UNSUPPORTED[file];
      if (refusal)
        assert.deepEqual("problems" in engine ? [engine.verdict, ...new Set(engine.problems)] : [], [
          "unsupported",
          refusal,
        ]);
      else assert.equal(engine.verdict, truth?.intact ? "intact" : engine.verdict);
    });
  }
});
