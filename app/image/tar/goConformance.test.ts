// Go's own archive/tar test corpus (testdata/go, from Go 1.19.8) read by both of the
// engine's tar readers and compared with what Go read (testdata/goReadings.json, written by
// `go run readWithGo.go go`): every archive must be read as Go reads it, or refused by
// both, or refused with a named ambiguity.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { gunzipSync } from "node:zlib";
import {
  type Comparison,
  compareWithGo,
  type GoReading,
  readWithIndexTar,
  readWithStream,
} from "./testdata/compareWithGo.ts";

const TESTDATA = new URL("./testdata/", import.meta.url);
const readings = JSON.parse(readFileSync(new URL("goReadings.json", TESTDATA), "utf8")) as Record<string, GoReading>;

function archive(file: string): Uint8Array {
  const bytes = readFileSync(new URL(`go/${file}`, TESTDATA));
  return file.endsWith(".gz") ? gunzipSync(bytes) : bytes;
}

function describe(comparison: Comparison): string {
  if (comparison.outcome === "refused") return `refused (${comparison.constructs.join(", ")})`;
  return comparison.outcome === "differ" ? `differ: ${comparison.why}` : "same";
}

test("Go's tar corpus: each archive is read as Go reads it, or refused by name (43 archives)", async () => {
  const outcomes: Record<string, string> = {};
  const counts = { same: 0, refused: 0, differ: 0 };
  let bothRefuse = 0;
  for (const [file, go] of Object.entries(readings)) {
    const bytes = archive(file);
    const indexed = compareWithGo(await readWithIndexTar(bytes), go);
    // Odd chunk sizes split headers, records and data everywhere.
    const streamed = [1, 97, 4096].map(async (chunk) =>
      describe(compareWithGo(await readWithStream(bytes, chunk), go)),
    );
    for (const outcome of await Promise.all(streamed))
      assert.equal(outcome, describe(indexed), `${file}: the stream reader disagrees with indexTar`);
    outcomes[file] = describe(indexed);
    counts[indexed.outcome]++;
    if (indexed.outcome === "same" && go.error !== undefined) bothRefuse++;
  }
  console.log(
    Object.entries(outcomes)
      .map(([file, outcome]) => `  ${file.padEnd(28)} ${outcome}`)
      .join("\n"),
  );
  console.log(
    `Go corpus: ${counts.same} read the same (${bothRefuse} of them refused by Go and by us), ${counts.refused} refused with a named ambiguity, ${counts.differ} differ (of ${Object.keys(readings).length})`,
  );
  assert.deepEqual(
    Object.entries(outcomes).filter(([, outcome]) => outcome !== "same"),
    [
      // An 'S' entry, and a 'D' (GNU dumpdir) entry: a type only some loaders read as a file.
      ["gnu-incremental.tar", "refused (entry-type, sparse-entry)"],
      ["gnu-nil-sparse-data.tar", "refused (sparse-entry)"],
      ["gnu-nil-sparse-hole.tar", "refused (sparse-entry)"],
      // Latin-1 bytes in the name.
      ["gnu-not-utf8.tar", "refused (entry-name)"],
      ["gnu-sparse-big.tar", "refused (sparse-entry)"],
      ["pax-nil-sparse-data.tar", "refused (sparse-entry)"],
      ["pax-nil-sparse-hole.tar", "refused (sparse-entry)"],
      ["pax-sparse-big.tar", "refused (sparse-entry)"],
      ["sparse-formats.tar", "refused (sparse-entry)"],
    ],
  );
  assert.deepEqual({ ...counts, bothRefuse }, { same: 34, refused: 9, differ: 0, bothRefuse: 11 });
});
