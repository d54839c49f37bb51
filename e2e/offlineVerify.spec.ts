// Verification with no network: the page makes a proof bundle next to an online verdict; a
// fresh page that can reach nothing but its own origin then verifies the archive from the
// archive, the bundle and a block hash alone. Forged or mismatched bundles are refused in
// words, and a bundle keeps saying what was true as of its block.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import { createPublicClient, type Hex, http } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { publishImageReleases, revokeRelease } from "./support/directRegistry.ts";
import { expectedImages, fixturePath } from "./support/fixtureArchives.ts";
import { expect, test } from "./support/fixtures.ts";
import { openOfflinePage } from "./support/offlinePage.ts";
import { DEV_KEYS, stack } from "./support/stack.ts";
import { screenshot, verifyFile } from "./support/verifyInPage.ts";

const ARCHIVE = "podman-resave-oci-archive.tar";
const NAME = "docker.io/fixture/offline:1.0";
const PUBLISHER = privateKeyToAddress(DEV_KEYS.eighth);
const IMAGE_ID = expectedImages(ARCHIVE)[0]?.imageId ?? "";
const verifyLink = () => `${stack.siteUrl}#/?publisher=${PUBLISHER}`;
const dir = mkdtempSync(path.join(os.tmpdir(), "imageseal-offline-"));

interface SavedBundle {
  file: string;
  blockHash: Hex;
  blockNumber: bigint;
}

/** Verifies online (VERIFIED or REVOKED as `word` says), then downloads the proof bundle and reads its block from the page. */
async function downloadBundle(page: Page, word: "VERIFIED" | "REVOKED", saveAs: string): Promise<SavedBundle> {
  await page.goto(verifyLink());
  const card = await verifyFile(page, fixturePath(ARCHIVE));
  await expect(card.getByTestId("verdict")).toHaveText(new RegExp(`^${word}`));
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download proof bundle" }).click();
  const saved = await download;
  expect(saved.suggestedFilename()).toBe(`${ARCHIVE}.proof.json`);
  const file = path.join(dir, saveAs);
  await saved.saveAs(file);
  const made = page.getByTestId("proof-bundle-made");
  await expect(made).toContainText("must get that block hash from a source they trust");
  const blockHash = (await made.getByTestId("proof-bundle-block-hash").textContent()) as Hex;
  const blockNumber = BigInt((await made.getByTestId("proof-bundle-block").textContent()) ?? "");
  // The hash shown is the node's own hash of that block (what a verifier would look up).
  const node = createPublicClient({ transport: http(stack.rpcUrl) });
  expect((await node.getBlock({ blockNumber })).hash).toBe(blockHash);
  return { file, blockHash, blockNumber };
}

/** A fresh page that can reach only its own origin: the archive and a bundle chosen together, then the trusted hash. */
async function verifyOffline(
  browser: Parameters<typeof openOfflinePage>[0],
  bundleFile: string,
  trustedHash: string,
  archive = ARCHIVE,
  browserOffline = false,
) {
  const offline = await openOfflinePage(browser, verifyLink());
  const { page } = offline;
  await page.getByLabel("Choose an archive").setInputFiles([fixturePath(archive), bundleFile]);
  await expect(page.getByRole("heading", { name: "Offline verification with a proof bundle" })).toBeVisible();
  if (browserOffline) {
    // As on an air-gapped machine, the browser itself says it is offline (navigator.onLine is
    // false) once the archive is checked: the verdict must not wait for a network to come back.
    await expect(page.getByText("Now choose or drop the archive to verify.")).toHaveCount(0);
    await offline.context.setOffline(true);
    expect(await page.evaluate(() => navigator.onLine)).toBe(false);
  }
  await page.getByLabel("Trusted block hash").fill(trustedHash);
  return offline;
}

test.describe
  .serial("offline verification from a proof bundle", () => {
    let releaseId = 0n;
    let before: SavedBundle;

    test("next to a VERIFIED verdict, the page downloads a proof bundle and shows its block hash", async ({ page }) => {
      [releaseId = 0n] = await publishImageReleases(DEV_KEYS.eighth, IMAGE_ID as `sha256:${string}`, [NAME]);
      before = await downloadBundle(page, "VERIFIED", "before.proof.json");
      const bundle = JSON.parse(readFileSync(before.file, "utf8")) as {
        chainId: number;
        registry: string;
        publishers: string[];
        digests: string[];
      };
      expect(bundle.chainId).toBe(stack.chainId);
      expect(bundle.registry.toLowerCase()).toBe(stack.registry.toLowerCase());
      expect(bundle.publishers).toEqual([PUBLISHER]);
      expect(bundle.digests).toContain(IMAGE_ID);
      await screenshot(page, "proof-bundle-download");
    });

    test("with the network blocked, archive + bundle + trusted hash give VERIFIED as of the block, and no RPC request is sent", async ({
      browser,
    }) => {
      const offline = await verifyOffline(browser, before.file, before.blockHash);
      const { page } = offline;
      const card = page.getByRole("article", { name: /^Verdict for / }).first();
      await expect(card.getByTestId("verdict")).toHaveText(/^VERIFIED/);
      await expect(card.getByTestId("image-id")).toHaveText(IMAGE_ID);
      const banner = page.getByTestId("offline-banner");
      await expect(banner).toContainText(`Checked offline from a proof bundle, as of block ${before.blockNumber} (`);
      await expect(banner).toContainText(
        "not revoked as of then; revocations after that block cannot be known offline",
      );
      await expect(banner.getByTestId("name-scan-not-done")).toBeVisible();
      await expect(banner.getByTestId("uncovered-publishers")).toHaveCount(0);
      await screenshot(page, "verified-offline");
      // The bundle panel and the banner on a phone: nothing may stick out sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      const tooWide = await page.evaluate(() =>
        [...document.querySelectorAll("body *")]
          .filter((element) => element.getBoundingClientRect().right > 390.5)
          .map((element) => `${element.tagName}.${element.className}`),
      );
      expect(tooWide).toEqual([]);
      expect(offline.rpcSinceLoad()).toEqual([]);
      expect(offline.blockedSinceLoad()).toEqual([]);
      // Before anything was chosen, the only request out was the shell's check that the registry answers.
      expect(new Set(offline.rpcAtLoad)).toEqual(new Set(["eth_getCode"]));

      // The blocking is real: going back online from this page reaches for the RPC and is cut off.
      await page.getByRole("button", { name: "Remove the bundle (verify online)" }).click();
      await expect(page.getByText(/Could not read the registry/)).toBeVisible();
      expect(offline.rpcSinceLoad().length).toBeGreaterThan(0);
      await offline.context.close();
    });

    test("a bundle chosen after the archive takes over from the online verdict", async ({ page }) => {
      await page.goto(verifyLink());
      await verifyFile(page, fixturePath(ARCHIVE));
      await expect(page.getByRole("button", { name: "Download proof bundle" })).toBeVisible();
      await page.getByLabel("Choose an archive").setInputFiles(before.file);
      await page.getByLabel("Trusted block hash").fill(` ${before.blockHash.toUpperCase().replace("0X", "0x")} `);
      await expect(page.getByTestId("offline-banner")).toContainText(`as of block ${before.blockNumber} (`);
      await expect(page.getByTestId("verdict")).toHaveText(/^VERIFIED/);
      await expect(page.getByRole("button", { name: "Download proof bundle" })).toHaveCount(0);
    });

    test("a trusted block hash the bundle's block does not have is refused in words, with no verdict", async ({
      browser,
    }) => {
      const node = createPublicClient({ transport: http(stack.rpcUrl) });
      const otherBlock = await node.getBlock({ blockNumber: before.blockNumber - 1n });
      const offline = await verifyOffline(browser, before.file, otherBlock.hash);
      const refused = offline.page.getByTestId("bundle-refused");
      await expect(refused).toContainText("This proof bundle cannot be used");
      await expect(refused).toContainText(`not to the trusted block hash ${otherBlock.hash}`);
      await expect(offline.page.getByTestId("verdict")).toHaveCount(0);

      // Not a hash at all: said so under the field, nothing checked.
      await offline.page.getByLabel("Trusted block hash").fill("0x1234");
      await expect(offline.page.getByText("A block hash is 0x followed by 64 hex digits.")).toBeVisible();
      await expect(offline.page.getByTestId("verdict")).toHaveCount(0);
      expect(offline.rpcSinceLoad()).toEqual([]);
      await offline.context.close();
    });

    test("a bundle with one storage value changed is refused as tampered", async ({ browser }) => {
      const bundle = JSON.parse(readFileSync(before.file, "utf8")) as { storage: { slot: string; value: string }[] };
      const word = bundle.storage[0];
      if (word === undefined) throw new Error("the bundle proves no storage");
      word.value = `0x${(BigInt(word.value) + 1n).toString(16)}`;
      const forged = path.join(dir, "forged.proof.json");
      writeFileSync(forged, JSON.stringify(bundle, null, 2));
      const offline = await verifyOffline(browser, forged, before.blockHash);
      const refused = offline.page.getByTestId("bundle-refused");
      await expect(refused).toContainText(`Storage slot ${word.slot} is proved to hold`);
      await expect(offline.page.getByTestId("verdict")).toHaveCount(0);
      expect(offline.rpcSinceLoad()).toEqual([]);
      await offline.context.close();
    });

    test("a bundle made for another archive is refused: it says nothing about this one", async ({ browser }) => {
      const offline = await verifyOffline(browser, before.file, before.blockHash, "docker26-save.tar");
      await expect(offline.page.getByTestId("bundle-refused")).toContainText("This bundle was made for other digests");
      await expect(offline.page.getByTestId("verdict")).toHaveCount(0);
      expect(offline.rpcSinceLoad()).toEqual([]);
      await offline.context.close();
    });

    test("after a revocation a new bundle reads REVOKED offline, while the old one still reads VERIFIED as of its block", async ({
      page,
      browser,
    }) => {
      await revokeRelease(DEV_KEYS.eighth, releaseId, "offline e2e: rebuilt");
      const after = await downloadBundle(page, "REVOKED", "after.proof.json");
      expect(after.blockNumber).toBeGreaterThan(before.blockNumber);

      const revoked = await verifyOffline(browser, after.file, after.blockHash);
      await expect(revoked.page.getByTestId("verdict").first()).toHaveText(/^REVOKED/);
      await expect(revoked.page.getByRole("article", { name: /^Verdict for / }).first()).toContainText(
        "offline e2e: rebuilt",
      );
      await expect(revoked.page.getByTestId("offline-banner")).toContainText(`as of block ${after.blockNumber} (`);
      await screenshot(revoked.page, "revoked-offline");
      expect(revoked.rpcSinceLoad()).toEqual([]);
      await revoked.context.close();

      const old = await verifyOffline(browser, before.file, before.blockHash, ARCHIVE, true);
      await expect(old.page.getByTestId("verdict").first()).toHaveText(/^VERIFIED/);
      await expect(old.page.getByTestId("offline-banner")).toContainText(`as of block ${before.blockNumber} (`);
      expect(old.rpcSinceLoad()).toEqual([]);
      await old.context.close();
    });
  });
