// The engine's tar readers against Go's archive/tar on structure-aware mutations of small
// tars (testdata/mutations.json.gz, from makeMutations.ts; Go's readings in
// testdata/mutations.goReadings.json, from readWithGo.go): every case must be read as Go
// reads it, or refused by both, or refused with a named ambiguity.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";
import { itemAt } from "../util/itemAt.ts";
import {
  type Comparison,
  compareWithGo,
  type GoReading,
  readWithIndexTar,
  readWithStream,
} from "./testdata/compareWithGo.ts";

const TESTDATA = new URL("./testdata/", import.meta.url);
const corpus = JSON.parse(gunzipSync(readFileSync(new URL("mutations.json.gz", TESTDATA))).toString("utf8")) as {
  cases: { note: string; tar: string }[];
};
const readings = JSON.parse(readFileSync(new URL("mutations.goReadings.json", TESTDATA), "utf8")) as GoReading[];

function describe(comparison: Comparison): string {
  if (comparison.outcome === "refused") return `refused (${comparison.constructs.join(", ")})`;
  return comparison.outcome === "differ" ? `differ: ${comparison.why}` : "same";
}

test("mutated tars: each is read as Go reads it, or refused by name (700 cases)", async () => {
  assert.equal(readings.length, corpus.cases.length, "mutations.goReadings.json is stale: run readWithGo.go mutations");
  const counts = { same: 0, refused: 0, differ: 0 };
  const constructs = new Map<string, number>();
  const differences: string[] = [];
  let bothRefuse = 0;
  for (const [i, { note, tar }] of corpus.cases.entries()) {
    const bytes = Buffer.from(tar, "base64");
    const go = itemAt(readings, i);
    const indexed = compareWithGo(await readWithIndexTar(bytes), go);
    const streamed = compareWithGo(await readWithStream(bytes, 1 + ((i * 131) % 1500)), go);
    if (describe(streamed) !== describe(indexed))
      differences.push(`case ${i} (${note}): the stream reader ${describe(streamed)}, indexTar ${describe(indexed)}`);
    counts[indexed.outcome]++;
    if (indexed.outcome === "same" && go.error !== undefined) bothRefuse++;
    if (indexed.outcome === "refused")
      for (const construct of indexed.constructs) constructs.set(construct, (constructs.get(construct) ?? 0) + 1);
    if (indexed.outcome === "differ") differences.push(`case ${i} (${note}): ${indexed.why}`);
  }
  console.log(
    `mutations: ${counts.same} read the same (${bothRefuse} of them refused by Go and by us), ${counts.refused} refused with a named ambiguity, ${counts.differ} differ (of ${corpus.cases.length})`,
  );
  console.log(`ambiguities: ${[...constructs].map(([construct, n]) => `${construct} ${n}`).join(", ")}`);
  assert.deepEqual(differences, []);
  // Fixed by the committed corpus: a change here means the readers changed how they read.
  assert.deepEqual({ ...counts, bothRefuse }, { same: 517, refused: 183, differ: 0, bothRefuse: 326 });
});
