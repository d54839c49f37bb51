// The wallet across pages and visits: the header's scope and the pages' scopes share one
// connection, moving between them updates nothing while another component renders (the
// console guard fails the test on React's warning), and a reload brings the wallet back.
import { connectWallet, expectAccount } from "./support/connectWallet.ts";
import { expect, test } from "./support/fixtures.ts";
import { stack } from "./support/stack.ts";

test("a wallet connected on Publish stays connected across pages and comes back after a reload without a click", async ({
  page,
  wallet,
}) => {
  await page.goto(`${stack.siteUrl}#/publish`);
  await connectWallet(page, wallet.address);
  await expect(page.getByLabel("Choose an archive")).toBeVisible();

  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Trust", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Trusted publishers", level: 1 })).toBeVisible();
  await expectAccount(page, wallet.address);
  await page.goto(`${stack.siteUrl}#/publisher/${wallet.address}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(wallet.address);
  await expectAccount(page, wallet.address);
  await nav.getByRole("link", { name: "Publish", exact: true }).click();
  await expect(page.getByLabel("Choose an archive")).toBeVisible();

  await page.reload();
  await expectAccount(page, wallet.address);
  await expect(page.getByLabel("Choose an archive")).toBeVisible();
  await expect(page.getByRole("button", { name: "Connect wallet" })).toHaveCount(0);
});
