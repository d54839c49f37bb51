import { connectWallet } from "./support/connectWallet.ts";
import { expect, test } from "./support/fixtures.ts";
import { stack } from "./support/stack.ts";

test("the shell names its chain and contract, reads the contract, and connects a wallet through RainbowKit", async ({ page, wallet }) => {
  await page.goto(stack.siteUrl);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const link of ["Verify", "Publish", "Publishers", "Trust"]) await expect(nav.getByRole("link", { name: link, exact: true })).toBeVisible();

  await expect(page.getByTestId("chain")).toHaveText(`Hardhat (${stack.chainId})`);
  await expect(page.getByTestId("registry-address")).toHaveText(stack.registry);
  // A live view call (eip712Domain) answered by the contract on the local node.
  await expect(page.getByTestId("registry-info")).toHaveText("ImageSeal v1, answering");

  await connectWallet(page, wallet.address);
});
