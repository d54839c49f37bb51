// The engine in headless Chromium, driven through the built site's Verify page: a real
// File from the disk (setInputFiles hands Chromium the path), the site's own Web Workers.
// Timed by the page itself (data-ms: performance.now() from the file being chosen to the
// report). Memory: the Chromium process tree's summed RSS, sampled every 25 ms during the
// run, minus the same sum with the page loaded and idle just before. CPU: the tree's
// user + system time from choosing the file to the summary.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium, type LaunchOptions } from "playwright-core";
import { itemAt } from "../../image/util/itemAt.ts";
import { buildSite, startSite, stopAll } from "../../tools/localStack.ts";
import type { CachedArchive } from "../archives/archiveCache.ts";
import { BenchCheckError, type Contender, type Measurement } from "./contender.ts";
import { childMatching, processKind, TreeMemorySampler, treeCpuMs } from "./processTreeMemory.ts";
import { cpuTimes, TICK_MS } from "./quietMachine.ts";

/** Debian's Chromium where installed; elsewhere Playwright's own (`npx playwright install chromium`). */
const SYSTEM_CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

export function browserLaunchOptions(): LaunchOptions {
  return { ...(existsSync(SYSTEM_CHROMIUM) ? { executablePath: SYSTEM_CHROMIUM } : {}), args: CHROMIUM_ARGS };
}
const SAMPLE_MS = 25;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const idle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return itemAt(sorted, Math.floor(sorted.length / 2));
}

/** Where the extra memory was at the peak: by Chromium process type, KiB. */
function extraByKind(peak: Map<number, number>, rest: Map<number, number>): Record<string, number> {
  const byKind: Record<string, number> = {};
  for (const [pid, kib] of peak) {
    const kind = processKind(pid);
    byKind[kind] = (byKind[kind] ?? 0) + kib - (rest.get(pid) ?? 0);
  }
  return byKind;
}

interface BrowserContender extends Contender {
  version: string;
}

/**
 * Builds the site (vite build into a temporary folder), serves it, launches Chromium, and
 * inspects `warmUpArchive` once untimed: Chromium starts some services lazily (a storage
 * utility process once grew by 45 MiB inside a timed run), and they belong to no run.
 */
export async function browserContender(
  log: (line: string) => void,
  warmUpArchive: CachedArchive,
): Promise<BrowserContender> {
  const outDir = mkdtempSync(join(tmpdir(), "imageseal-bench-site-"));
  log("building the site (vite build) …");
  await buildSite({}, outDir);
  const siteUrl = await startSite({ mode: "preview", port: await freePort(), env: {}, inherit: false, outDir });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch(browserLaunchOptions());
  } catch (error) {
    stopAll();
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
  const chromiumPid = childMatching(process.pid, "chromium");
  if (chromiumPid === null) log("could not find Chromium's process: browser memory will not be reported");
  const context = await browser.newContext();

  const contender: BrowserContender = {
    id: "browser",
    version: browser.version(),
    describe: "the Verify page in headless Chromium: data-ms = performance.now() from the file chosen to the report",
    appliesTo: () => true,
    async measure(archive: CachedArchive): Promise<Measurement> {
      const page = await context.newPage();
      try {
        await page.goto(siteUrl);
        const input = page.getByTestId("archive-input");
        await input.waitFor({ state: "attached" });
        // At rest: the page loaded and idle, no inspection yet (the page creates its workers per inspection).
        const sampler = chromiumPid === null ? null : new TreeMemorySampler(chromiumPid);
        let restKiB: number | null = null;
        let restByPid = new Map<number, number>();
        if (sampler) {
          await idle(300);
          const rest: { total: number; byPid: Map<number, number> }[] = [];
          for (let i = 0; i < 8; i++, await idle(SAMPLE_MS)) rest.push(sampler.sampleByPid());
          restKiB = median(rest.map((r) => r.total));
          restByPid = (rest.find((r) => r.total === restKiB) ?? rest[0])?.byPid ?? restByPid;
          sampler.start(SAMPLE_MS);
        }
        const cpuBefore = chromiumPid === null ? null : treeCpuMs(chromiumPid);
        const machineBefore = cpuTimes();
        const harnessBefore = process.cpuUsage();
        const windowStart = performance.now();
        await input.setInputFiles(archive.path);
        const summary = page.getByTestId("inspect-summary");
        await summary.waitFor({ timeout: 20 * 60_000 });
        const windowMs = performance.now() - windowStart;
        const peakKiB = sampler ? sampler.stop() : null;
        const cpuMs = chromiumPid === null || cpuBefore === null ? null : treeCpuMs(chromiumPid) - cpuBefore;
        const harness = process.cpuUsage(harnessBefore);
        const machineBusyMs = (cpuTimes().busy - machineBefore.busy) * TICK_MS - (harness.user + harness.system) / 1000;
        const [ms, bytes, verdict] = await Promise.all([
          summary.getAttribute("data-ms"),
          summary.getAttribute("data-bytes"),
          summary.getAttribute("data-verdict"),
        ]);
        const text = (await page.locator("body").textContent()) ?? "";
        const missing = archive.diffIds.filter((diffId) => !text.includes(diffId));
        if (
          verdict !== "intact" ||
          Number(bytes) !== archive.size ||
          missing.length > 0 ||
          !text.includes(archive.imageId)
        ) {
          throw new BenchCheckError(
            `the Verify page did not verify ${archive.path}: verdict ${verdict}, ${bytes} bytes, ${missing.length} layer digest(s) not shown`,
          );
        }
        const measurement: Measurement = {
          wallMs: Number(ms),
          peakRssKiB: peakKiB,
          extraRssKiB: peakKiB !== null && restKiB !== null ? peakKiB - restKiB : null,
          cpuMs,
        };
        if (sampler) measurement.extraByProcess = extraByKind(sampler.peakByPid, restByPid);
        // Chromium launches an on-device AI model service on a timer of its own, minutes after
        // start (it took 46 MiB and CPU inside one timed run); no page asks for it. Such a run is redone.
        const intruder = Object.entries(measurement.extraByProcess ?? {}).find(
          ([kind, kib]) => kind.includes("on_device_model") && kib > 1024,
        );
        if (intruder) measurement.disturbed = `Chromium's ${intruder[0]} process started during the run`;
        measurement.window = { machineBusyMs, ms: windowMs };
        return measurement;
      } finally {
        await page.close();
      }
    },
    async close() {
      await browser?.close();
      stopAll();
      rmSync(outDir, { recursive: true, force: true });
    },
  };
  await contender.measure(warmUpArchive);
  return contender;
}
