// node app/loaders/fuzz/recordFixtureReadings.ts [--loaders skopeo,docker,containerd]
// Reads every real fixture (app/image/fixtures) with every loader present and writes
// app/loaders/fixtureReadings.json. The corpus test checks these readings against the
// fixtures' ground truth (expected.json: the harness reads real archives right) and the
// engine against them (no disagreement, no false alarm on a real archive).
import { readdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startLoaders } from "../drivers/loaderSet.ts";
import { FIXTURES_DIR } from "../mutate/bases.ts";
import { LOADER_FAMILIES, type LoaderFamily, type LoaderReading } from "../reading.ts";

export const FIXTURE_READINGS_FILE = fileURLToPath(new URL("../fixtureReadings.json", import.meta.url));

export interface FixtureReadings {
  /** Tool versions the readings were taken with. */
  tools: string;
  fixtures: Record<string, LoaderReading[]>;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { loaders: { type: "string", default: LOADER_FAMILIES.join(",") } } });
  const families = values.loaders
    .split(",")
    .filter((f): f is LoaderFamily => (LOADER_FAMILIES as readonly string[]).includes(f));
  const loaders = await startLoaders(families);
  const out: FixtureReadings = {
    tools: "skopeo 1.9.3, Docker Engine 20.10.24 (vfs), containerd 1.6.20 (native snapshotter, unpack)",
    fixtures: {},
  };
  try {
    for (const file of readdirSync(FIXTURES_DIR)
      .filter((f) => /\.tar(\.gz)?$/.test(f))
      .sort()) {
      const readings = await loaders.read(`${FIXTURES_DIR}${file}`);
      out.fixtures[file] = readings.map(({ ms: _ms, ...reading }) => reading);
      console.log(
        file,
        readings.map((r) => `${r.loader}:${r.accepted ? r.images.length : "✗"} (${r.ms} ms)`).join(" "),
      );
    }
  } finally {
    await loaders.stop();
  }
  await writeFile(FIXTURE_READINGS_FILE, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote ${FIXTURE_READINGS_FILE}`);
}
