import { connectWallet } from "./support/connectWallet.ts";
import { expect, test } from "./support/fixtures.ts";
import { fixturePath } from "./support/fixtureArchives.ts";
import { stack } from "./support/stack.ts";

test.use({ walletKey: "second" });

test("publishes an image archive through the UI and links to the release", async ({ page, wallet }) => {
  await page.goto(`${stack.siteUrl}#/publish`);
  await connectWallet(page, wallet.address);
  await page.getByLabel("Choose an archive").setInputFiles(fixturePath("docker20-save.tar"));
  const name = page.getByLabel("Name to publish under");
  await expect(name).toHaveValue("fixture/multi:2.0");
  await name.fill("docker.io/fixture/multi:2.0");
  await expect(page.getByTestId("review-name")).toHaveText("docker.io/fixture/multi:2.0");
  await page.getByRole("button", { name: "Publish release" }).click();
  await expect(page.getByText("Published.")).toBeVisible();
  await expect(page.getByTestId("published-release-link")).toHaveCount(1);
});
