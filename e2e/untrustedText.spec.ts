// Names, reasons and tags come from archives and the chain, written by anyone. The page shows
// their control, bidi and invisible characters as ⟨U+…⟩ and flags them, and every control
// that grants trust spells out the full address it trusts.
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { privateKeyToAddress } from "viem/accounts";
import { formatReleaseId } from "../app/chain/releaseId.ts";
import type { Digest } from "../app/image/digest.ts";
import { archiveClaiming } from "./support/claimedNamesArchive.ts";
import { connectWallet } from "./support/connectWallet.ts";
import { publishFileRelease, revokeRelease } from "./support/directRegistry.ts";
import { expect, test } from "./support/fixtures.ts";
import { DEV_KEYS, stack } from "./support/stack.ts";
import { screenshot, verifyFile } from "./support/verifyInPage.ts";

test.use({ walletKey: "fifth" });

const PUBLISHER = privateKeyToAddress(DEV_KEYS.fifth);
// Drawn raw, U+202E turns "invoice‮gpj.exe" into what reads as "invoiceexe.jpg".
const NAME = "invoice\u202Egpj.exe";
const SHOWN = "invoice⟨U+202E⟩gpj.exe";
// Tabs and newlines are innerText's own (table cells, blocks).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for exactly these raw characters on the page
const RAW_HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/u;

const CLAIMED = ["fixture/evil\x1b[2J\x1b]0;pwned\x07:1.0", "fixture/\u202e0.1:live"];

function uniqueFile(): { file: string; digest: Digest } {
  const bytes = `an invoice, honest ${Date.now()} ${Math.random()}\n`;
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "imageseal-e2e-untrusted-")), "invoice.txt");
  writeFileSync(file, bytes);
  return { file, digest: `sha256:${createHash("sha256").update(bytes).digest("hex")}` };
}

test.describe
  .serial("untrusted text", () => {
    const target = uniqueFile();

    test("the publish page refuses a name with a bidi override before the wallet opens", async ({ page, wallet }) => {
      await page.goto(`${stack.siteUrl}#/publish`);
      await connectWallet(page, wallet.address);
      await page.getByLabel("Choose an archive").setInputFiles(target.file);
      await page.getByLabel("Name to publish under").fill(NAME);
      const problems = page.getByRole("list", { name: "Before publishing" });
      await expect(problems).toContainText(`“${SHOWN}” holds control, bidi or invisible characters`);
      await expect(problems.getByRole("note", { name: /^This text contains hidden characters/ })).toBeVisible();
      await expect(page.getByRole("button", { name: "Publish release" })).toHaveCount(0);
    });

    test("a release name with a bidi override, published straight to the contract, shows it as ⟨U+202E⟩, flagged; the trust button names the full address", async ({
      page,
    }) => {
      const id = await publishFileRelease(DEV_KEYS.fifth, NAME, target.digest);
      await page.goto(stack.siteUrl);
      const card = await verifyFile(page, target.file);
      await expect(card.getByTestId("verdict")).toHaveText(/^UNTRUSTED/);

      const evidence = card.getByRole("list", { name: "Evidence" });
      await expect(evidence).toContainText(SHOWN);
      await expect(
        evidence.getByRole("note", {
          name: "This name contains hidden characters, shown as ⟨U+…⟩: it may not be what it seems",
        }),
      ).toBeVisible();
      const trust = card.getByRole("button", { name: `Trust ${PUBLISHER} for ${SHOWN}`, exact: true });
      await expect(trust.locator("code")).toHaveText(PUBLISHER);
      expect(PUBLISHER).toMatch(/^0x[0-9a-fA-F]{40}$/);
      // Drawn left to right in the order written: "invoice", then the badge, then "gpj.exe".
      const parts = trust.locator("bdi.untrusted-text > *");
      await expect(parts).toHaveText(["invoice", "⟨U+202E⟩", "gpj.exe"]);
      const [before, badge, after] = await Promise.all(
        [0, 1, 2].map(async (i) => (await parts.nth(i).boundingBox())?.x ?? Number.NaN),
      );
      expect(before).toBeLessThan(badge as number);
      expect(badge).toBeLessThan(after as number);
      // biome-ignore lint/performance/useDomNodeTextContent: what the page shows (innerText), not its raw text nodes
      expect(await page.locator("body").innerText()).not.toMatch(RAW_HIDDEN);
      await screenshot(page, "hidden-characters");

      await trust.click();
      await expect(card.getByTestId("verdict")).toHaveText(/^VERIFIED/);
      await expect(card.getByRole("heading", { name: SHOWN })).toBeVisible();

      await page.goto(`${stack.siteUrl}#/trust`);
      const pin = page.getByRole("row").filter({ hasText: PUBLISHER });
      await expect(pin.getByRole("cell").first()).toContainText(SHOWN);
      await expect(pin.getByRole("note", { name: /^This name contains hidden characters/ })).toBeVisible();
      await expect(pin.getByRole("button", { name: `Stop trusting ${PUBLISHER} for ${SHOWN}` })).toBeVisible();

      await revokeRelease(DEV_KEYS.fifth, id, "superseded\u200b\u2066 by 1.1");
      await page.goto(`${stack.siteUrl}#/publisher/${PUBLISHER}`);
      await expect(page.getByRole("button", { name: `Trust ${PUBLISHER} for every name`, exact: true })).toBeVisible();
      const release = page.getByRole("article", { name: `Release ${formatReleaseId(id)} ${SHOWN}` });
      await expect(release.getByRole("heading")).toContainText(SHOWN);
      await expect(release.getByTestId("revocation-reason")).toContainText("“superseded⟨U+200B⟩⟨U+2066⟩ by 1.1”");
      await expect(release.getByRole("note", { name: /^This reason contains hidden characters/ })).toBeVisible();
      // biome-ignore lint/performance/useDomNodeTextContent: what the page shows (innerText), not its raw text nodes
      expect(await page.locator("body").innerText()).not.toMatch(RAW_HIDDEN);
    });

    test("tags an archive claims with an ESC sequence and a bidi override show by code point, flagged", async ({
      page,
    }) => {
      const archive = await archiveClaiming("docker20-save-small.tar", CLAIMED);
      await page.goto(stack.siteUrl);
      const card = await verifyFile(page, archive);
      await card.getByText("What the archive holds").click();
      const names = card.getByTestId("claimed-names");
      await expect(names.locator("code")).toHaveText([
        "fixture/evil⟨U+001B⟩[2J⟨U+001B⟩]0;pwned⟨U+0007⟩:1.0",
        "fixture/⟨U+202E⟩0.1:live",
      ]);
      await expect(names.getByRole("note", { name: /^This name contains hidden characters/ })).toHaveCount(2);
      // biome-ignore lint/performance/useDomNodeTextContent: what the page shows (innerText), not its raw text nodes
      expect(await page.locator("body").innerText()).not.toMatch(RAW_HIDDEN);
    });

    test("the publish page does not prefill a claimed tag with hidden characters; its hint shows the claim marked", async ({
      page,
      wallet,
    }) => {
      const archive = await archiveClaiming("docker20-save-small.tar", CLAIMED);
      await page.goto(`${stack.siteUrl}#/publish`);
      await connectWallet(page, wallet.address);
      await page.getByLabel("Choose an archive").setInputFiles(archive);
      const field = page.getByLabel("Name to publish under");
      await expect(field).toHaveValue("");
      const hint = page.getByText("The archive claims");
      await expect(hint.locator("code")).toHaveText("fixture/evil⟨U+001B⟩[2J⟨U+001B⟩]0;pwned⟨U+0007⟩:1.0");
      await expect(hint.getByRole("note", { name: /^This name contains hidden characters/ })).toBeVisible();
      // biome-ignore lint/performance/useDomNodeTextContent: what the page shows (innerText), not its raw text nodes
      expect(await page.locator("body").innerText()).not.toMatch(RAW_HIDDEN);
    });

    test("the trust page names the full address and the name before it trusts anyone: typed, or imported from a file", async ({
      page,
    }) => {
      await page.goto(`${stack.siteUrl}#/trust`);
      const form = page.getByRole("form", { name: "Trust a publisher" });
      await form.getByLabel("Publisher address").fill(PUBLISHER.toLowerCase());
      await form.getByLabel("Image name").fill("docker.io/acme/api:1");
      await expect(form.getByRole("button")).toHaveText(`Trust ${PUBLISHER} for docker.io/acme/api:1`);

      const file = path.join(mkdtempSync(path.join(os.tmpdir(), "imageseal-e2e-trust-")), "team-trust.json");
      writeFileSync(
        file,
        JSON.stringify({
          format: "imageseal-trust/1",
          pins: [{ name: NAME, publisher: PUBLISHER.toLowerCase(), addedAt: 1 }],
        }),
      );
      await page.getByLabel("Import a file").setInputFiles(file);
      const review = page.getByRole("region", { name: "Trust what team-trust.json lists?" });
      await expect(review.getByRole("listitem")).toHaveText(`${PUBLISHER} for ${SHOWN} ⚠ hidden characters`);
      await expect(review.getByRole("note", { name: /^This name contains hidden characters/ })).toBeVisible();
      await expect(page.getByRole("row").filter({ hasText: PUBLISHER })).toHaveCount(0);
      await review.getByRole("button", { name: "Trust this publisher" }).click();
      await expect(page.getByRole("status")).toHaveText("Imported 1 new pin from team-trust.json.");
      await expect(page.getByRole("row").filter({ hasText: PUBLISHER }).getByRole("cell").first()).toContainText(SHOWN);
    });
  });
