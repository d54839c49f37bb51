import { statSync } from "node:fs";
import { formatBytes } from "../app/ui/format.ts";
import { connectWallet } from "./support/connectWallet.ts";
import { expectedImages, fixturePath } from "./support/fixtureArchives.ts";
import { expect, test } from "./support/fixtures.ts";
import { stack } from "./support/stack.ts";

test.use({ walletKey: "second" });

test("publishes an image archive, shows the release, and lets its publisher revoke it", async ({ page, wallet }) => {
  await page.goto(`${stack.siteUrl}#/publish`);
  await connectWallet(page, wallet.address);
  await page.getByLabel("Choose an archive").setInputFiles(fixturePath("docker20-save-small.tar"));
  // The page says which file it read, and its size.
  const summary = page.getByTestId("inspect-summary");
  await expect(summary).toContainText("docker20-save-small.tar");
  await expect(summary).toContainText(formatBytes(statSync(fixturePath("docker20-save-small.tar")).size));
  // Prefilled from the archive's tag (fixture/small:1.0), spelled in full as Docker reads it.
  const name = page.getByLabel("Name to publish under");
  await expect(name).toHaveValue("docker.io/fixture/small:1.0");
  await name.fill("nginx");
  await expect(page.getByTestId("recorded-name")).toHaveText("docker.io/library/nginx:latest");
  await expect(page.getByTestId("review-name")).toHaveText("docker.io/library/nginx:latest");
  await name.fill("docker.io/fixture/small:1.0");
  await expect(page.getByTestId("review-name")).toHaveText("docker.io/fixture/small:1.0");
  const publish = page.getByRole("button", { name: "Publish release" });
  await publish.click();
  await expect(page.getByText("Published.")).toBeVisible();
  // Sent once: the same release cannot be sent again from this form.
  await expect(publish).toBeDisabled();

  // The README link copies as shown.
  await page
    .context()
    .grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(stack.siteUrl).origin });
  const verifyLink = page.getByTestId("verify-link");
  await expect(verifyLink).toContainText(`?publisher=${wallet.address}`);
  const copy = page.getByRole("button", { name: "Copy the verify link" });
  await copy.click();
  await expect(copy).toHaveText("Copied");
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await verifyLink.textContent());

  await page.getByTestId("published-release-link").click();
  const card = page.getByRole("article");
  await expect(card.getByRole("heading")).toContainText("docker.io/fixture/small:1.0");
  await expect(card).toContainText(expectedImages("docker20-save-small.tar")[0]?.imageId ?? "missing");
  await expect(card).toContainText(wallet.address);

  await card.getByRole("link", { name: wallet.address }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(wallet.address);
  await page.getByRole("button", { name: "Revoke…" }).click();
  await page.getByLabel("Reason").fill("superseded by 1.1");
  await page.getByRole("button", { name: "Revoke release" }).click();
  await expect(page.getByTestId("revocation-reason")).toContainText("superseded by 1.1");
  await expect(page.getByRole("article").getByText("revoked", { exact: true })).toBeVisible();
  // Each fact of the revocation once, among the card's facts: when (block, transaction), then why.
  const revoked = page.getByRole("article").filter({ has: page.getByTestId("revocation-reason") });
  await expect(revoked.getByRole("term").filter({ hasText: /^Revoked$/ })).toHaveCount(1);
  await expect(revoked.getByTestId("revocation-reason")).toHaveText("“superseded by 1.1”");
  await expect(revoked.locator('dt:text-is("Revoked") + dd')).toHaveText(
    /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC in block \d+$/,
  );
  expect((await revoked.textContent())?.split("superseded by 1.1")).toHaveLength(2);
});
