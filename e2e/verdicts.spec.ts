// The five verdicts, through the UI only: a publisher publishes a real archive with the
// injected wallet; a verifier (a fresh browser profile, no wallet) checks archives against it.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { privateKeyToAddress } from "viem/accounts";
import { connectWallet } from "./support/connectWallet.ts";
import { expectedImages, fixturePath } from "./support/fixtureArchives.ts";
import { expect, test } from "./support/fixtures.ts";
import { DEV_KEYS, stack } from "./support/stack.ts";
import { tamperedCopy } from "./support/tamperedArchive.ts";
import { screenshot, verifyFile } from "./support/verifyInPage.ts";

const NAME = "docker.io/fixture/multi:2.0";
const PUBLISHER = privateKeyToAddress(DEV_KEYS.publisher);
const IMAGE_ID = expectedImages("docker20-save.tar")[0]?.imageId ?? "";
const verifyLink = () => `${stack.siteUrl}#/?publisher=${PUBLISHER}`;

test.describe
  .serial("verdicts", () => {
    test("the publisher publishes docker20-save.tar; publishing it again is refused before the wallet opens", async ({
      page,
      wallet,
    }) => {
      expect(wallet.address).toBe(PUBLISHER);
      await page.goto(`${stack.siteUrl}#/publish`);
      await connectWallet(page, wallet.address);
      await page.getByLabel("Choose an archive").setInputFiles(fixturePath("docker20-save.tar"));
      await page.getByLabel("Name to publish under").fill(NAME);
      const publish = page.getByRole("button", { name: "Publish release" });
      await publish.click();
      await expect(page.getByText("Published.")).toBeVisible();
      // This form sent this release: it cannot send it again. Another name is another release.
      await expect(publish).toBeDisabled();
      await page.getByLabel("Name to publish under").fill(`${NAME}-rc`);
      await expect(publish).toBeEnabled();
      await expect(page.getByText("Published.")).toBeHidden();

      // The same archive dropped again, under the same name: the registry refuses it before the wallet opens.
      await page.getByLabel("Choose an archive").setInputFiles(fixturePath("docker20-save.tar"));
      await expect(page.getByLabel("Name to publish under")).not.toHaveValue(`${NAME}-rc`);
      await page.getByLabel("Name to publish under").fill(NAME);
      await publish.click();
      await expect(page.getByTestId("write-error")).toContainText("already published");
    });

    test("a stranger's release reads UNTRUSTED; trusting the publisher for the name makes it VERIFIED", async ({
      page,
    }) => {
      await page.goto(stack.siteUrl);
      const card = await verifyFile(page, fixturePath("docker20-save.tar"));
      await expect(card.getByTestId("verdict")).toHaveText(/^UNTRUSTED/);
      await expect(card.getByTestId("image-id")).toHaveText(IMAGE_ID);
      await expect(card).toContainText(PUBLISHER);
      await screenshot(page, "untrusted");

      // The same card on a phone, in dark mode: nothing may stick out sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      await page.emulateMedia({ colorScheme: "dark" });
      const tooWide = await page.evaluate(() =>
        [...document.querySelectorAll("body *")]
          .filter((element) => element.getBoundingClientRect().right > 390.5)
          .map((element) => `${element.tagName}.${element.className}`),
      );
      expect(tooWide).toEqual([]);
      await screenshot(page, "untrusted-phone-dark");
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.emulateMedia({ colorScheme: "light" });

      // The button that grants trust names the full address (the README's rule), not 0xf39Fd6…
      await card.getByRole("button", { name: `Trust ${PUBLISHER} for ${NAME}`, exact: true }).click();
      await expect(card.getByTestId("verdict")).toHaveText(/^VERIFIED/);
      await expect(card).toContainText(NAME);
      await screenshot(page, "verified");
    });

    test("the publisher's verify link trusts it: VERIFIED, and the same image saved differently too", async ({
      page,
    }) => {
      await page.goto(verifyLink());
      for (const archive of [
        "docker20-save.tar",
        "docker20-resave-retag.tar",
        "podman-resave-docker-archive.tar",
        "containerd-export.tar",
      ]) {
        const card = await verifyFile(page, fixturePath(archive));
        await expect(card.getByTestId("verdict"), archive).toHaveText(/^VERIFIED/);
        await expect(card.getByTestId("image-id")).toHaveText(IMAGE_ID);
      }
    });

    test("a tampered copy reads TAMPERED and names the layer, whatever the chain says", async ({ page }) => {
      const layer = "1f4dc0379e2e703593d9cf0717cbe832419fa74a35a47cf6365eb812ed3d0ef4/layer.tar";
      const tampered = await tamperedCopy("docker20-save.tar", layer, 1_500_000);
      await page.goto(verifyLink());
      const card = await verifyFile(page, tampered);
      await expect(card.getByTestId("verdict")).toHaveText(/^TAMPERED/);
      await expect(card.getByRole("list", { name: "Evidence" })).toContainText(
        `layer 2 (${layer}) does not match the config's diff_id`,
      );
      // The layer table gives the full digests: declared by the config, and found in the bytes.
      await card.getByText("What the archive holds").click();
      const row = card.getByRole("row").filter({ hasText: "DOES NOT MATCH" });
      await expect(row).toContainText("sha256:ab54cdcbcd5198522b7754a1a966c091e72587cfb7f5d3a526a8e8463b161734");
      await expect(row.getByRole("cell").first()).toHaveText("2");
      await screenshot(page, "tampered");
    });

    test("a file no release names reads UNKNOWN", async ({ page }) => {
      const file = path.join(mkdtempSync(path.join(os.tmpdir(), "imageseal-e2e-")), "notes.txt");
      writeFileSync(file, `unpublished ${Date.now()} ${Math.random()}\n`);
      await page.goto(verifyLink());
      const card = await verifyFile(page, file);
      await expect(card.getByTestId("verdict")).toHaveText(/^UNKNOWN/);
      await screenshot(page, "unknown");
    });

    test("a rejected signature says so and keeps the form as entered", async ({ page, wallet }) => {
      await page.goto(`${stack.siteUrl}#/publish`);
      await connectWallet(page, wallet.address);
      await page.getByLabel("Choose an archive").setInputFiles(fixturePath("docker26-save.tar"));
      await page.getByLabel("Name to publish under").fill("docker.io/fixture/rejected:1");
      wallet.rejectNext("eth_sendTransaction");
      await page.getByRole("button", { name: "Publish release" }).click();
      await expect(page.getByTestId("write-error")).toContainText("You rejected the request in your wallet");
      await expect(page.getByLabel("Name to publish under")).toHaveValue("docker.io/fixture/rejected:1");
    });

    test("revoking the release makes it REVOKED, with the reason", async ({ page, wallet }) => {
      await page.goto(`${stack.siteUrl}#/publisher/${PUBLISHER}?name=${encodeURIComponent(NAME)}`);
      await connectWallet(page, wallet.address);
      await page.getByRole("button", { name: "Revoke…" }).click();
      await page.getByLabel("Reason").fill("rebuilt with a patched base image");
      await page.getByRole("button", { name: "Revoke release" }).click();
      await expect(page.getByTestId("revocation-reason")).toContainText("rebuilt with a patched base image");

      await page.goto(verifyLink());
      await page.reload();
      const card = await verifyFile(page, fixturePath("docker20-save.tar"));
      await expect(card.getByTestId("verdict")).toHaveText(/^REVOKED/);
      await expect(card).toContainText("rebuilt with a patched base image");
      // Said once, by the verdict's sentence: no evidence item repeating it under the release card.
      await expect(card.locator('[data-kind="revoked"]')).toHaveCount(0);
      expect((await card.textContent())?.split("rebuilt with a patched base image")).toHaveLength(2);
      await screenshot(page, "revoked");
    });
  });
