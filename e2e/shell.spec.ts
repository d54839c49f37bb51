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

// A page whose code cannot be fetched (the connection dropped, or the site was redeployed under
// an open tab) fails while rendering: it says so in words inside the shell, which keeps working.
test("a page that fails shows what failed and the ways on, and the shell still works", async ({
  page,
  expectConsoleError,
}) => {
  // The refused request, and React's report of the error the page's boundary caught.
  expectConsoleError(/PublishPage-[\w-]+\.js/);
  await page.route(/\/assets\/PublishPage-[\w-]+\.js/, (route) => route.abort("internetdisconnected"));
  await page.goto(`${stack.siteUrl}#/publish`);
  const failed = page.getByTestId("page-error");
  await expect(failed.getByRole("heading", { name: "This page stopped working", level: 1 })).toBeVisible();
  await expect(failed.getByRole("alert")).toContainText("Failed to fetch dynamically imported module");
  await expect(failed.getByRole("button", { name: "Reload the page" })).toBeVisible();

  // The shell around it still works, and going elsewhere clears the error.
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Trust", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Trusted publishers", level: 1 })).toBeVisible();
  await expect(failed).toHaveCount(0);
  await expect(page.getByTestId("registry-address")).toHaveText(stack.registry);

  await nav.getByRole("link", { name: "Publish", exact: true }).click();
  await failed.getByRole("link", { name: "Go to Verify" }).click();
  await expect(page.getByRole("heading", { name: "Verify an image", level: 1 })).toBeVisible();

  // Once the code can be fetched again, reloading brings the page back.
  await page.unroute(/\/assets\/PublishPage-[\w-]+\.js/);
  await nav.getByRole("link", { name: "Publish", exact: true }).click();
  await failed.getByRole("button", { name: "Reload the page" }).click();
  await expect(page.getByRole("heading", { name: "Publish a release", level: 1 })).toBeVisible();
});
