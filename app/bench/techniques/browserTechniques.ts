// Measures, in headless Chromium's Web Workers on a real File, what each reading and
// hashing technique the engine tried is worth: MB/s and how much the renderer grew.
// Not part of `npm run bench` (it compares loops, not the engine); figures for the notes.
//
//   node app/bench/techniques/browserTechniques.ts [--mib 512] [--rounds 2] [--file <path>] [--gz-file <path>] [--only hash-only,lanes-stream]
//
// MB/s are bytes hashed (or read) per second; for the gunzip modes, decompressed bytes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { chromium } from "playwright-core";
import { build } from "vite";
import { ensureArchive, ensureGzip } from "../archives/archiveCache.ts";
import { browserLaunchOptions } from "../contenders/browserContender.ts";
import { childMatching, TreeMemorySampler } from "../contenders/processTreeMemory.ts";
import { median } from "../results/summarize.ts";
import { serveStatic } from "./staticServer.ts";
import { MODES, type Mode } from "./techniqueModes.ts";

const { values } = parseArgs({
  options: {
    mib: { type: "string", default: "512" },
    file: { type: "string" },
    rounds: { type: "string", default: "2" },
    only: { type: "string" },
    "gz-file": { type: "string" },
  },
});
const limit = Number(values.mib) * 1024 * 1024;
const STALL_MS = 90_000;
const file =
  values.file ??
  (await ensureArchive({ name: "docker-save-1x1024MiB", layers: 1, layerBytes: 1024 * 1024 * 1024 }, console.log)).path;
const gzFile =
  values["gz-file"] ??
  (
    await ensureGzip(
      await ensureArchive({ name: "docker-save-4x256MiB", layers: 4, layerBytes: 256 * 1024 * 1024 }, console.log),
      console.log,
    )
  ).path;

const dist = mkdtempSync(join(tmpdir(), "imageseal-techniques-"));
await build({
  root: import.meta.dirname,
  configFile: false,
  logLevel: "warn",
  worker: { format: "es" },
  build: {
    outDir: dist,
    emptyOutDir: true,
    target: "es2022",
    rollupOptions: { input: join(import.meta.dirname, "techniques.html") },
  },
});
const { url, server } = await serveStatic(dist);
const browser = await chromium.launch(browserLaunchOptions());
try {
  let page = await browser.newPage();
  const openPage = async () => {
    await page.goto(`${url}techniques.html`);
    await page.getByTestId("file").setInputFiles(file);
    await page.getByTestId("gz-file").setInputFiles(gzFile);
  };
  await openPage();
  const chromiumPid = childMatching(process.pid, "chromium");
  const all: [Mode, number][] = [
    ["hash-only", 1],
    ["read-slices", 1],
    ["read-stream", 1],
    ["slices-then-hash", 1],
    ["slices-read-ahead", 1],
    ["stream-fresh", 1],
    ["stream-byob", 1],
    ["hash-only", 2],
    ["read-slices", 2],
    ["read-stream", 2],
    ["slices-then-hash", 2],
    ["stream-byob", 2],
    ["read-4-streams", 1],
    ["lanes-hash-only", 1],
    ["lanes-stream", 1],
    ["gunzip-only", 1],
    ["gunzip-hash", 1],
    ["main-reads-copy", 1],
    ["main-reads-transfer", 1],
    ["new-hasher-per-job", 1],
    ["init-per-job", 1],
  ];
  // --only mode,mode: just those (every worker count listed for them).
  const plan = values.only ? all.filter(([mode]) => values.only?.split(",").includes(mode)) : all;
  console.log(
    `Chromium ${browser.version()}, ${(limit / 2 ** 20).toFixed(0)} MiB of ${file} (gunzip modes: all of ${gzFile}), median of ${values.rounds} rounds`,
  );
  const results = new Map<string, { mbps: number[]; extraMiB: number[]; ms: number[] }>();
  for (let round = 0; round < Number(values.rounds); round++) {
    for (const [mode, workers] of plan) {
      const sampler = chromiumPid === null ? null : new TreeMemorySampler(chromiumPid);
      const rest = sampler?.sample() ?? 0;
      sampler?.start(25);
      const run = page.evaluate(
        ([m, w, l]) =>
          (
            window as unknown as {
              runTechnique(m: string, w: number, l: number): Promise<{ ms: number; bytes: number }>;
            }
          ).runTechnique(m, w, l),
        [mode, workers, limit] as const,
      );
      // Chromium sometimes stops delivering a File's bytes to this probe page (seen after a
      // mode that left reads unconsumed); such a mode is reported as stalled, on a fresh page.
      const stalled = new Promise<null>((resolve) => setTimeout(() => resolve(null), STALL_MS));
      const result = await Promise.race([run.catch(() => null), stalled]);
      const peak = sampler?.stop() ?? 0;
      if (result === null) {
        console.log(`  round ${round + 1} ${mode} × ${workers}: stalled or failed`);
        await page.close().catch(() => {});
        page = await browser.newPage();
        await openPage();
        continue;
      }
      const { ms, bytes } = result;
      console.log(`  round ${round + 1} ${mode} × ${workers}: ${(bytes / 1e3 / ms).toFixed(0)} MB/s`);
      const key = `${mode}|${workers}`;
      const entry = results.get(key) ?? { mbps: [], extraMiB: [], ms: [] };
      entry.mbps.push(bytes / 1e3 / ms);
      entry.extraMiB.push((peak - rest) / 1024);
      entry.ms.push(ms);
      results.set(key, entry);
    }
  }
  for (const [key, entry] of results) {
    const [mode, workers] = key.split("|") as [Mode, string];
    const small = mode.endsWith("per-job");
    const figure = small
      ? `${median(entry.ms).toFixed(1).padStart(6)} ms for 200 jobs`
      : `${median(entry.mbps).toFixed(0).padStart(5)} MB/s  +${median(entry.extraMiB).toFixed(0).padStart(3)} MiB`;
    console.log(`${mode.padEnd(19)} ${workers} worker${workers === "1" ? " " : "s"}  ${figure}   ${MODES[mode]}`);
  }
} finally {
  await browser.close();
  server.close();
  rmSync(dist, { recursive: true, force: true });
}
