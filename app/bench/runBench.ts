// `npm run bench`: times verifying docker-save archives against hashing them, on this
// machine, in one run. Not a test: it prints figures, writes them as JSON and draws them.
//
//   npm run bench                      full sizes (1 GiB, 4 GiB), 3 rounds; writes public/bench/
//   npm run bench -- --quick           small archives, 1 round, in a minute; writes to the cache folder
//   npm run bench -- --runs 5 --no-browser --cases tar-4-layers,tar-1-layer --out <dir>
//   npm run bench -- --contenders sha256sum,browser   (only these; the others' ratios are then –)
//   npm run bench -- --max-busy 0.3   (each run waits, up to a minute, for other processes to use under 30% of the CPU; default 15%)
//
// Archives are built once into ~/.cache/imageseal-bench (or $IMAGESEAL_BENCH_CACHE). Every
// file is read once before it is timed (warm page cache for every contender), and within
// each round the contenders run one after another in an order that rotates per round.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { availableParallelism, cpus, loadavg, type as osType, release, totalmem } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { itemAt, present } from "../image/util/itemAt.ts";
import { benchCacheDir, type CachedArchive, ensureArchive, ensureGzip } from "./archives/archiveCache.ts";
import { BASELINE_SPEC, type BenchCase, benchCases, TARGETS } from "./benchCases.ts";
import { browserContender } from "./contenders/browserContender.ts";
import {
  cliContender,
  commandExists,
  gunzipContender,
  opensslContender,
  sha256sumContender,
} from "./contenders/commandContenders.ts";
import type { Contender, ContenderId, Measurement } from "./contenders/contender.ts";
import { cpuTimes, TICK_MS, waitForQuiet } from "./contenders/quietMachine.ts";
import { hasGnuTime } from "./contenders/timedCommand.ts";
import type { BenchResults, CaseResult } from "./results/benchResults.ts";
import { renderChart } from "./results/renderChart.ts";
import { renderTable } from "./results/renderTable.ts";
import { judgeTargets, summarizeCase } from "./results/summarize.ts";

const { values: flags } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    runs: { type: "string" },
    "no-browser": { type: "boolean", default: false },
    cases: { type: "string" },
    contenders: { type: "string" },
    out: { type: "string" },
    "max-busy": { type: "string", default: "0.15" },
  },
});
const quick = flags.quick === true;
const runs = Number(flags.runs ?? (quick ? 1 : 3));
const outDir =
  flags.out ??
  (quick ? join(benchCacheDir(), "quick-results") : fileURLToPath(new URL("../../public/bench/", import.meta.url)));
const log = (line: string) => console.log(line);
const maxBusy = Number(flags["max-busy"]);

function firstLine(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: "utf8" }).split("\n")[0]?.trim() ?? "?";
  } catch {
    return "not found";
  }
}

/** Reads the whole file once so that every contender meets the same warm page cache. */
async function warm(path: string): Promise<void> {
  const file = await open(path, "r");
  const buffer = new Uint8Array(8 * 1024 * 1024);
  try {
    while ((await file.read(buffer, 0, buffer.length, null)).bytesRead > 0);
  } finally {
    await file.close();
  }
}

async function prepare(cases: BenchCase[]): Promise<Map<string, CachedArchive>> {
  const archives = new Map<string, CachedArchive>();
  for (const benchCase of cases) {
    const tar = await ensureArchive(benchCase.spec, log);
    archives.set(benchCase.id, benchCase.gzip ? await ensureGzip(tar, log) : tar);
  }
  return archives;
}

const ATTEMPTS = 3;

/**
 * One run on a quiet machine: waits (up to 30 s) for other processes to calm down,
 * and runs again (up to ATTEMPTS in all) when they took more than `maxBusy` of the CPU
 * meanwhile: the machine's busy time minus the contender's own CPU time.
 */
async function measureQuietly(contender: Contender, archive: CachedArchive): Promise<Measurement> {
  let measurement: Measurement | undefined;
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const busyBefore = await waitForQuiet(maxBusy, 30_000);
    const before = cpuTimes();
    const run = await contender.measure(archive);
    const after = cpuTimes();
    const machineBusyMs = run.window?.machineBusyMs ?? (after.busy - before.busy) * TICK_MS;
    const othersMs = machineBusyMs - (run.cpuMs ?? 0);
    const othersDuring = Math.max(0, othersMs / (availableParallelism() * (run.window?.ms ?? run.wallMs)));
    measurement = { ...run, busyBefore, othersDuring };
    // CPU times come in 10 ms ticks: under 200 ms of wall time the share is mostly rounding.
    const quiet = run.cpuMs === null || run.wallMs < 200 || othersDuring <= maxBusy;
    if (quiet && !run.disturbed) break;
    const why = run.disturbed ?? `other processes took ${(othersDuring * 100).toFixed(0)}% of the CPU during the run`;
    if (attempt < ATTEMPTS) log(`  (${contender.id}: ${why}; again)`);
  }
  return measurement as Measurement;
}

const selected = benchCases(quick).filter((c) => !flags.cases || flags.cases.split(",").includes(c.id));
if (selected.length === 0) throw new Error(`no case matches --cases ${flags.cases}`);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${flags.runs}`);
if (!hasGnuTime())
  log("note: /usr/bin/time (GNU time) is missing, so command contenders' memory and CPU time are not reported");

log(`ImageSeal bench: ${quick ? "quick" : "full"}, ${runs} round(s) per case, archives in ${benchCacheDir()}`);
const archives = await prepare(selected);
const baseline = await ensureArchive(BASELINE_SPEC, log);

const wanted = (id: ContenderId) => !flags.contenders || flags.contenders.split(",").includes(id);
const commands: [Contender, string][] = [
  [sha256sumContender(), "sha256sum"],
  [opensslContender(), "openssl"],
  [gunzipContender(), "gzip"],
];
for (const [, command] of commands)
  if (!commandExists(command)) log(`note: ${command} is not installed here; its row is skipped`);
const contenders: Contender[] = commands
  .filter(([contender, command]) => wanted(contender.id) && commandExists(command))
  .map(([contender]) => contender);
if (wanted("cli")) contenders.push(await cliContender(baseline.path));
let chromiumVersion: string | null = null;
if (!flags["no-browser"] && wanted("browser")) {
  const browser = await browserContender(log, baseline);
  chromiumVersion = browser.version;
  contenders.push(browser);
}

// Ctrl-C: stop Chromium and the site's server too (it runs in a process group of its own).
process.once("SIGINT", () => {
  void Promise.allSettled(contenders.map((contender) => contender.close())).then(() => process.exit(130));
});

const startLoad = loadavg();
const caseResults: CaseResult[] = [];
try {
  for (const benchCase of selected) {
    const archive = present(archives.get(benchCase.id), `the archive of ${benchCase.id}`);
    log(
      `\n${benchCase.label}: ${archive.path} (${(archive.size / 2 ** 20).toFixed(0)} MiB) — warming the page cache …`,
    );
    await warm(archive.path);
    const applicable = contenders.filter((contender) => contender.appliesTo(archive));
    const rounds: Partial<Record<ContenderId, Measurement>>[] = [];
    for (let round = 0; round < runs; round++) {
      const order = applicable.map((_, i) => itemAt(applicable, (i + round) % applicable.length));
      const results: Partial<Record<ContenderId, Measurement>> = {};
      for (const contender of order) {
        const measurement = await measureQuietly(contender, archive);
        results[contender.id] = measurement;
        const memory =
          measurement.peakRssKiB === null
            ? ""
            : `  peak ${(measurement.peakRssKiB / 1024).toFixed(0)} MiB${measurement.extraRssKiB === null ? "" : ` (+${(measurement.extraRssKiB / 1024).toFixed(1)})`}`;
        const where = measurement.extraByProcess
          ? `  [${Object.entries(measurement.extraByProcess)
              .map(([kind, kib]) => `${kind} ${(kib / 1024).toFixed(1)}`)
              .join(", ")}]`
          : "";
        const others = measurement.othersDuring ?? 0;
        const noisy = others > maxBusy ? `  (others used ${(others * 100).toFixed(0)}% of the CPU meanwhile)` : "";
        log(
          `  round ${round + 1}  ${contender.id.padEnd(9)} ${(measurement.wallMs / 1000).toFixed(3).padStart(7)} s  ${(archive.size / 1e6 / (measurement.wallMs / 1000)).toFixed(0).padStart(5)} MB/s${memory}${where}${noisy}`,
        );
      }
      rounds.push(results);
    }
    caseResults.push({
      id: benchCase.id,
      label: benchCase.label,
      file: {
        name: basename(archive.path),
        bytes: archive.size,
        compression: archive.compression,
        layers: archive.spec.layers,
        layerBytes: archive.spec.layerBytes,
      },
      contenders: summarizeCase(archive.size, rounds),
    });
  }
} finally {
  for (const contender of contenders) await contender.close();
}

const results: BenchResults = {
  date: new Date().toISOString(),
  quick,
  runsPerCase: runs,
  machine: {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? "?",
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    os: `${osType()} ${release()}`,
    node: process.version,
    chromium: chromiumVersion,
    sha256sum: firstLine("sha256sum", ["--version"]),
    openssl: firstLine("openssl", ["version"]),
    gzip: firstLine("gzip", ["--version"]),
    loadAverage: startLoad.map((load) => Math.round(load * 100) / 100),
  },
  method: [
    "Archives: the layout of `docker save` (Docker ≥ 25: OCI layout + manifest.json), uncompressed layers of 8 MiB filler files; the .tar.gz is `gzip -6 -n` of the 4-layer one.",
    "Warm page cache: each file is read once before its rounds; every contender then reads it from memory.",
    "Each round runs every contender once on the same file, in an order rotated per round; ratios are the median over rounds of the paired time ratio.",
    `Before each run the harness waits (up to 30 s) until the machine's CPU is under ${maxBusy * 100}% busy over half a second; a run during which other processes (machine busy time minus the contender's own CPU time) took more than that is run again, up to ${ATTEMPTS} times; each run records both shares (busyBefore, othersDuring). A browser run during which Chromium started its on-device AI model service (on a timer of its own) is run again too.`,
    "Commands are timed from spawn to exit (start-up included); the browser by the page itself, from the file being chosen to the report.",
    "Memory: commands' max RSS from GNU time; the CLI's extra is its max RSS minus that of the same command on a 4 × 64 KiB archive. The browser's is the peak of the Chromium process tree's summed VmRSS (sampled every 25 ms) minus the same sum with the page loaded and idle.",
    "Every answer is checked: the digests printed by sha256sum/openssl, the CLI's verdict and every layer's diffId, the page's verdict and the digests it shows.",
  ],
  contenders: Object.fromEntries(contenders.map((contender) => [contender.id, contender.describe])),
  cases: caseResults,
  targets: judgeTargets(TARGETS, caseResults, quick),
};

const table = renderTable(results);
log(`\n${table}`);
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(join(outDir, "results.md"), table);
writeFileSync(join(outDir, "chart.svg"), renderChart(results));
log(`wrote ${join(outDir, "results.json")}, results.md and chart.svg`);
