// Smoke check, not a test: bundles the engine with Vite exactly as the site does (module
// Web Workers via `new URL(…, import.meta.url)`, hash-wasm), opens it in headless
// Chromium, inspects every fixture there and compares each report with the Node
// engine's. Also checks that abort stops the browser workers. The Playwright e2e suite
// covers the engine through the UI; this covers it alone, in seconds.
//
//   node app/image/bench/browserSmoke.ts
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { chromium } from "playwright-core";
import { build } from "vite";
import { inspectArchive } from "../inspectArchive.ts";
import { createNodeHashPool } from "../pool/nodeHashPool.ts";
import type { ArchiveReport } from "../report.ts";
import { NodeFileSource } from "../source/nodeFileSource.ts";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));
const ENGINE = fileURLToPath(new URL("../", import.meta.url));
const CHROMIUM = "/usr/bin/chromium";

const work = mkdtempSync(join(tmpdir(), "imageseal-browser-smoke-"));
writeFileSync(join(work, "index.html"), `<!doctype html><script type="module" src="./main.ts"></script>`);
writeFileSync(
  join(work, "main.ts"),
  `import { inspectArchive } from "${ENGINE}inspectArchive.ts";
import { createWebHashPool } from "${ENGINE}pool/webHashPool.ts";
const pool = createWebHashPool();
Object.assign(window, {
  inspectUrl: async (url: string) => inspectArchive(await (await fetch(url)).blob(), { hashPool: pool, archiveDigest: true }),
  abortBig: async () => {
    const controller = new AbortController();
    const big = new Blob([new Uint8Array(512 * 1024 * 1024).fill(1)]);
    let progressed = 0;
    try {
      await inspectArchive(big, { hashPool: pool, signal: controller.signal, onProgress: (p) => { progressed = p.bytesDone; if (p.bytesDone > 0) controller.abort(); } });
      return "finished";
    } catch (error) {
      return (error as Error).name + " after " + progressed + " bytes";
    }
  },
  ready: true,
});
`,
);

console.log("bundling with Vite …");
await build({
  root: work,
  logLevel: "warn",
  worker: { format: "es" },
  build: { outDir: join(work, "dist"), target: "es2022" },
});

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
const server = createServer((request, response) => {
  const url = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
  const file = url.startsWith("/fixtures/")
    ? join(FIXTURES, url.slice("/fixtures/".length))
    : join(work, "dist", url === "/" ? "index.html" : url);
  if (!existsSync(file) || !statSync(file).isFile()) return void response.writeHead(404).end();
  response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
  createReadStream(file).pipe(response);
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as { port: number }).port;

const browser = await chromium.launch({
  executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined,
  args: ["--no-sandbox", "--disable-gpu"],
});
const nodePool = createNodeHashPool();
let failures = 0;
try {
  const page = await browser.newPage();
  page.on("pageerror", (error) => console.log("page error:", error.message));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
  for (const name of readdirSync(FIXTURES).filter((file) => /\.tar(\.gz)?$/.test(file))) {
    const inBrowser = (await page.evaluate(
      (url) => (window as unknown as { inspectUrl(u: string): Promise<ArchiveReport> }).inspectUrl(url),
      `/fixtures/${name}`,
    )) as ArchiveReport;
    const source = await NodeFileSource.open(join(FIXTURES, name));
    const inNode = await inspectArchive(source, { hashPool: nodePool, archiveDigest: true });
    await source.close();
    const same = isDeepStrictEqual(inBrowser, inNode);
    if (!same) failures++;
    console.log(
      `${same ? "same" : "DIFFERENT"}  ${name.padEnd(42)} ${inBrowser.verdict.padEnd(11)} ${inBrowser.images.map((image) => image.imageId?.slice(0, 19)).join(" ")}`,
    );
  }
  const aborted = await page.evaluate(() => (window as unknown as { abortBig(): Promise<string> }).abortBig());
  console.log(`abort of a 512 MiB Blob: ${aborted}`);
  if (!aborted.startsWith("InspectAbortedError")) failures++;
} finally {
  await browser.close();
  await nodePool.close();
  server.close();
  rmSync(work, { recursive: true, force: true });
}
console.log(failures === 0 ? "browser engine == Node engine on every fixture" : `${failures} difference(s)`);
process.exitCode = failures === 0 ? 0 : 1;
