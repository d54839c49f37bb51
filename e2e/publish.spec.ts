import { connectWallet } from "./support/connectWallet.ts";
import { expectedImages, fixturePath } from "./support/fixtureArchives.ts";
import { expect, test } from "./support/fixtures.ts";
import { stack } from "./support/stack.ts";

test.use({ walletKey: "second" });

test("publishes an image archive, shows the release, and lets its publisher revoke it", async ({ page, wallet }) => {
  await page.goto(`${stack.siteUrl}#/publish`);
  await connectWallet(page, wallet.address);
  await page.getByLabel("Choose an archive").setInputFiles(fixturePath("docker20-save-small.tar"));
  // Prefilled from the archive's tag (fixture/small:1.0), spelled in full as Docker reads it.
  const name = page.getByLabel("Name to publish under");
  await expect(name).toHaveValue("docker.io/fixture/small:1.0");
  await name.fill("nginx");
  await expect(page.getByTestId("recorded-name")).toHaveText("docker.io/library/nginx:latest");
  await expect(page.getByTestId("review-name")).toHaveText("docker.io/library/nginx:latest");
  await name.fill("docker.io/fixture/small:1.0");
  await expect(page.getByTestId("review-name")).toHaveText("docker.io/fixture/small:1.0");
  await page.getByRole("button", { name: "Publish release" }).click();
  await expect(page.getByText("Published.")).toBeVisible();

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
});
