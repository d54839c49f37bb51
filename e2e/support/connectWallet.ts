import { expect, type Page } from "@playwright/test";
import { TEST_WALLET_NAME } from "./testWallet.ts";

/** Connects the injected wallet the way a user does: through RainbowKit's modal. */
export async function connectWallet(page: Page, address: string): Promise<void> {
  await page.getByRole("button", { name: "Connect wallet" }).first().click();
  const modal = page.getByRole("dialog");
  await modal.getByRole("button", { name: TEST_WALLET_NAME }).click();
  await expectAccount(page, address);
}

/** RainbowKit's account button shows the connected address abbreviated: 0xf3…2266. */
export async function expectAccount(page: Page, address: string): Promise<void> {
  await expect(
    page.getByRole("button", { name: new RegExp(`^${address.slice(0, 4)}…${address.slice(-4)}`, "i") }),
  ).toBeVisible();
}
