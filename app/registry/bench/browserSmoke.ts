// Smoke check, not a test: bundles app/registry with Vite as the site does, opens it in headless
// Chromium and inspects references on local registries (open, and token auth through the
// issuer, both CORS-enabled) from the page, comparing each report with Node's. Also checks that
// an unreachable registry is "browser-blocked" there. Needs docker-registry, skopeo, chromium.
//
//   node app/registry/bench/browserSmoke.ts
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { chromium } from "playwright-core";
import { build } from "vite";
import type { ArchiveReport } from "../../image/report.ts";
import { pushArchive, startLocalRegistry } from "../../tools/localRegistry.ts";
import { RegistryClient } from "../client.ts";
import { inspectReference } from "../inspectReference.ts";
import { nodeRegistryHashTools } from "../nodeHashTools.ts";
import { parseImageReference } from "../reference.ts";
import { fixturePath } from "../test/fixtures.ts";

const REGISTRY_DIR = fileURLToPath(new URL("../", import.meta.url));
const CHROMIUM = "/usr/bin/chromium";

const work = mkdtempSync(join(tmpdir(), "imageseal-registry-smoke-"));
writeFileSync(join(work, "index.html"), `<!doctype html><script type="module" src="./main.ts"></script>`);
writeFileSync(
  join(work, "main.ts"),
  `import { RegistryClient } from "${REGISTRY_DIR}client.ts";
import { inspectReference } from "${REGISTRY_DIR}inspectReference.ts";
import { parseImageReference } from "${REGISTRY_DIR}reference.ts";
Object.assign(window, {
  inspect: async (reference: string, pull: boolean) => {
    try {
      return await inspectReference(new RegistryClient(), parseImageReference(reference), { pull });
    } catch (error) {
      return { error: (error as { code?: string }).code, message: (error as Error).message };
    }
  },
  push: async (domain: string, username: string, password: string) => {
    try {
      const client = new RegistryClient({ credentials: async () => ({ username, password }) });
      const repo = { domain, path: "browser/claims" };
      const document = new TextEncoder().encode('{"imageseal":"claims/v1","claims":[]}');
      const empty = new TextEncoder().encode("{}");
      const layer = await client.putBlob(repo, document);
      const config = await client.putBlob(repo, empty);
      const manifest = new TextEncoder().encode(JSON.stringify({ schemaVersion: 2, mediaType: "application/vnd.oci.image.manifest.v1+json", artifactType: "application/vnd.imageseal.claims.v1+json",
        config: { mediaType: "application/vnd.oci.empty.v1+json", digest: config, size: 2 }, layers: [{ mediaType: "application/vnd.imageseal.claims.v1+json", digest: layer, size: document.length }] }));
      const digest = await client.putManifest(repo, "imageseal-claim", manifest, "application/vnd.oci.image.manifest.v1+json");
      return { digest, back: (await new RegistryClient().getManifest(repo, "imageseal-claim")).digest };
    } catch (error) {
      return { error: (error as { code?: string }).code, message: (error as Error).message };
    }
  },
  ready: true,
});
`,
);
await build({ root: work, logLevel: "warn", build: { outDir: join(work, "dist"), target: "es2022" } });
const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm" };
const server = createServer((request, response) => {
  const file = join(work, "dist", request.url === "/" ? "index.html" : (request.url ?? ""));
  if (!existsSync(file)) return void response.writeHead(404).end();
  response
    .writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" })
    .end(readFileSync(file));
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = (server.address() as { port: number }).port;

const open = await startLocalRegistry({ mode: "open" });
const token = await startLocalRegistry({ mode: "token" });
const browser = await chromium.launch({
  executablePath: existsSync(CHROMIUM) ? CHROMIUM : undefined,
  args: ["--no-sandbox", "--disable-gpu"],
});
let failures = 0;
try {
  await pushArchive(open, fixturePath("docker20-save.tar"), "fixture/multi:2.0");
  await pushArchive(open, fixturePath("podman-multiplatform-oci-archive.tar"), "fixture/mp:1", {
    transport: "oci-archive",
    all: true,
  });
  await pushArchive(token, fixturePath("docker20-save.tar"), "fixture/multi:2.0");
  const page = await browser.newPage();
  page.on("pageerror", (error) => console.log("page error:", error.message));
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.waitForFunction(() => (window as unknown as { ready?: boolean }).ready === true);
  const inPage = (reference: string, pull: boolean) =>
    page.evaluate(
      ([r, p]) =>
        (window as unknown as { inspect(r: string, p: boolean): Promise<unknown> }).inspect(r as string, p as boolean),
      [reference, pull] as const,
    );
  const cases: [string, boolean][] = [
    [`${open.domain}/fixture/multi:2.0`, false],
    [`${open.domain}/fixture/multi:2.0`, true],
    [`${open.domain}/fixture/mp:1`, true],
    [`${token.domain}/fixture/multi:2.0`, true],
  ];
  for (const [reference, pull] of cases) {
    const started = performance.now();
    const browserReport = (await inPage(reference, pull)) as ArchiveReport;
    const ms = performance.now() - started;
    const nodeReport = await inspectReference(
      new RegistryClient({ inBrowser: false }),
      parseImageReference(reference),
      { pull, hashTools: nodeRegistryHashTools },
    );
    const same = isDeepStrictEqual(browserReport, nodeReport);
    if (!same) failures++;
    console.log(
      `${same ? "same" : "DIFFERENT"}  ${reference}${pull ? " --pull" : ""}  ${browserReport.verdict}  ${browserReport.images?.length} image(s)  ${ms.toFixed(0)} ms`,
    );
    if (!same) console.log(JSON.stringify(browserReport).slice(0, 600));
  }
  for (const registry of [open, token]) {
    const user = registry.users[0] as { username: string; password: string };
    const pushed = (await page.evaluate(
      ([d, u, p]) =>
        (window as unknown as { push(d: string, u: string, p: string): Promise<unknown> }).push(
          d as string,
          u as string,
          p as string,
        ),
      [registry.domain, user.username, user.password] as const,
    )) as { digest?: string; back?: string; error?: string; message?: string };
    const ok = pushed.digest !== undefined && pushed.digest === pushed.back;
    if (!ok) failures++;
    console.log(
      `${ok ? "ok" : "WRONG"}  claim artifact pushed from the page to the ${registry.mode} registry and read back: ${pushed.digest ?? `${pushed.error}: ${pushed.message}`}`,
    );
  }
  const blocked = (await inPage("127.0.0.1:1/nothing/here:1", false)) as { error?: string; message?: string };
  if (blocked.error !== "browser-blocked") failures++;
  console.log(
    `${blocked.error === "browser-blocked" ? "ok" : "WRONG"}  unreachable registry in the page: ${blocked.error}: ${blocked.message}`,
  );
} finally {
  await browser.close();
  await open.stop();
  await token.stop();
  server.close();
  rmSync(work, { recursive: true, force: true });
}
if (failures > 0) {
  console.log(`${failures} failure(s)`);
  process.exitCode = 1;
}
