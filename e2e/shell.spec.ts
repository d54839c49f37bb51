import { connectWallet } from "./support/connectWallet.ts";
import { fixturePath } from "./support/fixtureArchives.ts";
import { expect, test } from "./support/fixtures.ts";
import { stack } from "./support/stack.ts";
import { verifyFile } from "./support/verifyInPage.ts";

// Chunks that only wallet work may load (wagmi, RainbowKit, connectors, the Publish page).
const WALLET_CHUNK =
  /\/assets\/(walletModule|PublishPage|RevokeControl|OwnerDelegation|RevokeDelegateControl|WalletGate|injectedWallet|metaMaskWallet)[-.]/;

test("the shell names its chain and contract, reads the contract, and connects a wallet through RainbowKit", async ({
  page,
  wallet,
}) => {
  await page.goto(stack.siteUrl);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const link of ["Verify", "Publish", "Publishers", "Trust"])
    await expect(nav.getByRole("link", { name: link, exact: true })).toBeVisible();

  await expect(page.getByTestId("chain")).toHaveText(`Hardhat (${stack.chainId})`);
  await expect(page.getByTestId("registry-address")).toHaveText(stack.registry);
  // A live view call (eip712Domain) answered by the contract on the local node.
  await expect(page.getByTestId("registry-info")).toHaveText("ImageSeal v2, answering");

  await connectWallet(page, wallet.address);
});

test("verifying loads no wallet code and talks to nobody but the site and the chain's RPC", async ({ page }) => {
  const requested: string[] = [];
  page.on("request", (request) => requested.push(request.url()));
  await page.goto(stack.siteUrl);
  const card = await verifyFile(page, fixturePath("docker20-save.tar"));
  await expect(card.getByTestId("verdict")).toBeVisible();

  expect(requested.filter((url) => WALLET_CHUNK.test(url))).toEqual([]);
  const allowed = new Set([new URL(stack.siteUrl).origin, new URL(stack.rpcUrl).origin]);
  const elsewhere = () =>
    requested.filter(
      (url) => !url.startsWith("data:") && !url.startsWith("blob:") && !allowed.has(new URL(url).origin),
    );
  expect(elsewhere()).toEqual([]);

  // The wallet chunk loads when it is asked for, and only then; it calls nobody either.
  await page.getByRole("button", { name: "Connect wallet" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  expect(requested.some((url) => WALLET_CHUNK.test(url))).toBe(true);
  expect(elsewhere()).toEqual([]);
});
