// Verify and publish by registry reference against a real OCI registry (CNCF distribution,
// started by globalSetup with CORS open), and control claims: pushed from the page into a
// repository, recorded on chain, shown on the Publisher page and in the verdict, trusted
// through the Trust page — and scoped: a claim in one repository grants nothing in another.
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { privateKeyToAddress } from "viem/accounts";
import { RegistryClient } from "../app/registry/client.ts";
import { PROJECT_ROOT } from "../app/tools/localStack.ts";
import { connectWallet } from "./support/connectWallet.ts";
import { publishImageReleases } from "./support/directRegistry.ts";
import { expectedImages, fixturePath } from "./support/fixtureArchives.ts";
import { expect, expectConsoleError, test } from "./support/fixtures.ts";
import { e2eRegistry, tamperBlob } from "./support/ociRegistry.ts";
import { startRegistryProxy } from "./support/registryProxy.ts";
import { DEV_KEYS, stack } from "./support/stack.ts";
import { screenshot } from "./support/verifyInPage.ts";

test.use({ walletKey: "ninth" });
test.describe.configure({ mode: "serial" });

const PUBLISHER = privateKeyToAddress(DEV_KEYS.ninth);
const ARCHIVE = "docker20-save.tar";
const IMAGE_ID = expectedImages(ARCHIVE)[0]?.imageId ?? "missing";
const registry = e2eRegistry();
const domain = registry?.domain ?? "registry-not-started";
// Repositories of this spec's own (globalSetup pushed fixture/multi for people to try).
const APP = `${domain}/e2e/app`;
const OTHER = `${domain}/e2e/other`;
const APP_REF = `${APP}:1.0`;
const OTHER_REF = `${OTHER}:1.0`;

// Chromium logs every failed request as a console error; the tests below declare the ones they cause.
const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** The registry answered 404 under /v2/ for `path` (a regular expression's source). */
const notFound = (path: string) =>
  new RegExp(
    `^console\\.error: Failed to load resource: the server responded with a status of 404 \\(Not Found\\) \\(http://${escaped(domain)}/v2/${path}:0\\)$`,
  );
// The host-wide claim recorded by the "host-wide claim" test names a host that test closes at
// its end: every later check of this publisher's claims finds it gone.
const CLOSED_HOST_CLAIM =
  /^console\.error: Failed to load resource: net::ERR_CONNECTION_REFUSED \(http:\/\/127\.0\.0\.1:\d+\/\.well-known\/imageseal\.json:0\)$/;

test.beforeAll(async () => {
  // Fails rather than skips, like the unit tests: a green run must have checked the registry path.
  if (registry === null)
    throw new Error(
      "no OCI registry to verify by reference against: install docker-registry (apt-get install docker-registry apache2-utils; .ci/run does it)",
    );
  await registry.push(fixturePath(ARCHIVE), APP_REF);
  await registry.push(fixturePath(ARCHIVE), OTHER_REF);
});

/** Types a reference into the Verify page's field and waits for the verdict card of the reference. */
async function verifyReference(page: Page, reference: string) {
  const form = page.getByTestId("reference-form");
  await form.getByLabel("Image reference").fill(reference);
  await form.getByRole("button", { name: "Verify reference" }).click();
  const card = page
    .getByTestId("reference-result")
    .getByRole("article", { name: /^Verdict for / })
    .first();
  await expect(card.getByTestId("verdict")).toBeVisible();
  return card;
}

async function trustScope(page: Page, scope: string) {
  await page.goto(`${stack.siteUrl}#/trust`);
  await page.getByLabel("Repository, namespace or host").fill(scope);
  await page.getByRole("button", { name: "Trust whoever proves control of this" }).click();
  await expect(page.getByTestId("trusted-scope")).toContainText(scope);
}

/** `node app/cli/imageseal.ts verify <reference> …`: its exit code and stdout. */
function cliVerify(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["app/cli/imageseal.ts", "verify", ...args], {
      cwd: PROJECT_ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

test("publishes by reference: the release records the identities read from the registry, named after the reference", async ({
  page,
  wallet,
}) => {
  await page.goto(`${stack.siteUrl}#/publish`);
  await connectWallet(page, wallet.address);
  const form = page.getByTestId("reference-form");
  await form.getByLabel("Image reference").fill(APP_REF);
  await form.getByRole("button", { name: "Read reference" }).click();
  const result = page.getByTestId("reference-result");
  await expect(result.getByLabel("Name to publish under")).toHaveValue(APP_REF);
  await expect(result.getByTestId("review-name")).toHaveText(APP_REF);
  await expect(result).toContainText(IMAGE_ID);
  await result.getByRole("button", { name: "Publish release" }).click();
  await expect(result.getByText("Published.")).toBeVisible();
});

test("verifies by reference in the page (link and field): VERIFIED for the trusted publisher, UNTRUSTED without", async ({
  page,
}) => {
  await page.goto(`${stack.siteUrl}#/?publisher=${PUBLISHER}&ref=${encodeURIComponent(APP_REF)}`);
  const linked = page
    .getByTestId("reference-result")
    .getByRole("article", { name: /^Verdict for / })
    .first();
  await expect(linked.getByTestId("verdict")).toContainText("VERIFIED");
  await expect(linked.getByTestId("image-id")).toContainText(IMAGE_ID.slice(7, 19));
  await screenshot(page, "verified-by-reference");

  await page.goto(`${stack.siteUrl}#/`);
  const card = await verifyReference(page, APP_REF);
  await expect(card.getByTestId("verdict")).toContainText("UNTRUSTED");
});

test("verifies by reference with the CLI: the same word as the page", async () => {
  const run = await cliVerify(
    APP_REF,
    "--chain",
    stack.rpcUrl,
    "--registry",
    stack.registry,
    "--publisher",
    PUBLISHER,
    "--json",
  );
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  expect((JSON.parse(run.stdout) as { verdict: string }).verdict).toBe("VERIFIED");
});

test("a claim pushed from the page and recorded on chain is proven on the Publisher page", async ({ page, wallet }) => {
  // Pushing asks the registry first whether the claim's tag and blobs are there already.
  expectConsoleError(notFound("e2e/app/manifests/imageseal-claim"));
  expectConsoleError(notFound("e2e/app/blobs/sha256:[0-9a-f]{64}"));
  await page.goto(`${stack.siteUrl}#/publisher/${PUBLISHER}`);
  await connectWallet(page, wallet.address);
  const form = page.getByRole("form", { name: "Make a claim" });
  await form.getByLabel("Repository or host").fill(APP);
  await form.getByRole("button", { name: "Sign and push the claim" }).click();
  await expect(form.getByTestId("claim-ready")).toContainText(`Pushed: ${APP}:imageseal-claim`);
  await form.getByRole("button", { name: "Record the claim on chain" }).click();
  await expect(form.getByText("Recorded: verifiers find this claim from your address.")).toBeVisible();

  await page.reload();
  const claim = page.getByTestId("claim");
  await expect(claim).toHaveCount(1);
  await expect(claim).toHaveAttribute("data-status", "proven");
  await expect(claim).toContainText(`Proven: controls the repository ${APP}`);
  await screenshot(page, "publisher-claims");
});

test("trusting a namespace on the Trust page makes the proven controller's release VERIFIED, without trusting its address", async ({
  page,
}) => {
  await trustScope(page, `${domain}/e2e`);
  await page.goto(`${stack.siteUrl}#/`);
  const card = await verifyReference(page, APP_REF);
  await expect(card.getByTestId("verdict")).toContainText("VERIFIED");
  const claims = card.locator('[data-kind="publisher-claims"]');
  await expect(claims).toContainText(`${PUBLISHER} — proven controller of ${APP} (artifact sha256:`);
  await expect(claims).toContainText("checked now");
  await screenshot(page, "verified-by-claim");
});

test("a claim in one repository grants nothing in another under the same trusted namespace", async ({ page }) => {
  await publishImageReleases(DEV_KEYS.ninth, IMAGE_ID as `sha256:${string}`, [OTHER_REF]);
  await trustScope(page, `${domain}/e2e`);
  await page.goto(`${stack.siteUrl}#/`);
  const card = await verifyReference(page, OTHER_REF);
  await expect(card.getByTestId("verdict")).not.toContainText("VERIFIED");
  await expect(card.getByTestId("verdict")).toContainText("UNTRUSTED");
});

test("a host-wide claim (the host's well-known file, downloaded from the page) covers every repository on that host", async ({
  page,
  wallet,
}) => {
  let served: string | null = null;
  // The same registry behind a host of its own that also serves /.well-known/imageseal.json.
  const host = await startRegistryProxy(registry?.url ?? "", { cors: true, wellKnown: () => served });
  try {
    const name = `${host.domain}/e2e/other:1.0`;
    await publishImageReleases(DEV_KEYS.ninth, IMAGE_ID as `sha256:${string}`, [name]);
    await page.goto(`${stack.siteUrl}#/publisher/${PUBLISHER}`);
    await connectWallet(page, wallet.address);
    const form = page.getByRole("form", { name: "Make a claim" });
    await form.getByLabel("Repository or host").fill(host.domain);
    await form.getByRole("button", { name: "Sign the claim" }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      form.getByRole("button", { name: "Download imageseal.json" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("imageseal.json");
    served = await readFile(await download.path(), "utf8");
    await expect(form).toContainText(`Serve this file at http://${host.domain}/.well-known/imageseal.json`);
    await form.getByRole("button", { name: "Record the claim on chain" }).click();
    await expect(form.getByText("Recorded: verifiers find this claim from your address.")).toBeVisible();

    await trustScope(page, host.domain);
    await page.goto(`${stack.siteUrl}#/`);
    const card = await verifyReference(page, name);
    await expect(card.getByTestId("verdict")).toContainText("VERIFIED");
    await expect(card.locator('[data-kind="publisher-claims"]')).toContainText(
      `proven controller of the host ${host.domain} (http://${host.domain}/.well-known/imageseal.json, checked now)`,
    );
  } finally {
    await host.close();
  }
});

test("a claim whose artifact is gone is shown as such and grants nothing", async ({ page }) => {
  expectConsoleError(notFound("e2e/app/manifests/imageseal-claim"));
  expectConsoleError(CLOSED_HOST_CLAIM);
  const client = new RegistryClient();
  const repository = { domain, path: "e2e/app" };
  const artifact = await client.getManifest(repository, "imageseal-claim");
  await client.deleteManifest(repository, artifact.digest);

  await page.goto(`${stack.siteUrl}#/publisher/${PUBLISHER}`);
  const claim = page.getByTestId("claim").filter({ hasText: APP });
  await expect(claim).toHaveAttribute("data-status", "failed");
  await expect(claim).toContainText(`Does not check out: claims the repository ${APP}`);

  await trustScope(page, `${domain}/e2e`);
  await page.goto(`${stack.siteUrl}#/`);
  const card = await verifyReference(page, APP_REF);
  await expect(card.getByTestId("verdict")).toContainText("UNTRUSTED");
  await expect(card.locator('[data-kind="publisher-claims"]')).toContainText(
    `claims ${APP}, which does not check out now`,
  );
});

test("the publisher withdraws a claim from its own page: it is no longer listed or checked", async ({
  page,
  wallet,
}) => {
  // Until it is withdrawn, the page checks the claim whose artifact the test above deleted.
  expectConsoleError(notFound("e2e/app/manifests/imageseal-claim"));
  expectConsoleError(CLOSED_HOST_CLAIM);
  await page.goto(`${stack.siteUrl}#/publisher/${PUBLISHER}`);
  await connectWallet(page, wallet.address);
  await page.getByRole("button", { name: `Withdraw the claim oci://${APP}` }).click();
  await expect(page.getByText("Withdrawn: verifiers no longer count it.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("claim").first()).toBeVisible();
  await expect(page.getByTestId("claim").filter({ hasText: APP })).toHaveCount(0);
});

test("a registry that forbids browsers (no CORS): the page says to use the CLI, with the command", async ({ page }) => {
  const proxy = await startRegistryProxy(registry?.url ?? "", { cors: false });
  expectConsoleError(
    new RegExp(
      `^console\\.error: Access to fetch at 'http://${escaped(proxy.domain)}/v2/e2e/app/manifests/1\\.0' from origin '[^']+' has been blocked by CORS policy: `,
    ),
  );
  expectConsoleError(
    new RegExp(
      `^console\\.error: Failed to load resource: net::ERR_FAILED \\(http://${escaped(proxy.domain)}/v2/e2e/app/manifests/1\\.0:0\\)$`,
    ),
  );
  try {
    // The same registry through the proxy answers curl and the CLI, but not a page.
    const direct = await fetch(`http://${proxy.domain}/v2/`);
    expect(direct.status).toBe(200);
    await page.goto(`${stack.siteUrl}#/?publisher=${PUBLISHER}`);
    const reference = `${proxy.domain}/e2e/app:1.0`;
    const form = page.getByTestId("reference-form");
    await form.getByLabel("Image reference").fill(reference);
    await form.getByRole("button", { name: "Verify reference" }).click();
    const problem = page.getByTestId("reference-problem");
    await expect(problem).toContainText(
      "This registry does not allow browsers to read it (CORS), or it cannot be reached from here. Use the CLI instead:",
    );
    const command = `imageseal verify ${reference} --chain ${stack.rpcUrl} --registry ${stack.registry} --publisher ${PUBLISHER}`;
    await expect(problem.getByTestId("cli-command")).toHaveText(command);
    await screenshot(page, "registry-use-cli");
    // The advice holds: the CLI is not bound by CORS, and the command as shown gives the word
    // (for a release under this host's name: names are compared exactly).
    await publishImageReleases(DEV_KEYS.ninth, IMAGE_ID as `sha256:${string}`, [reference]);
    const run = await cliVerify(...command.split(" ").slice(2));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("VERIFIED");
  } finally {
    await proxy.close();
  }
});

test("a registry serving other bytes under a blob's digest (the config swapped on disk): TAMPERED", async ({
  page,
}) => {
  expectConsoleError(CLOSED_HOST_CLAIM);
  const undo = tamperBlob(registry?.blobPath(IMAGE_ID) ?? "");
  try {
    await page.goto(`${stack.siteUrl}#/?publisher=${PUBLISHER}`);
    const card = await verifyReference(page, APP_REF);
    await expect(card.getByTestId("verdict")).toContainText("TAMPERED");
    await screenshot(page, "tampered-registry");
  } finally {
    undo();
  }
});
