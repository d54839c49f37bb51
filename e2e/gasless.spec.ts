// The gasless path, through the UI: a publisher with no gas signs a release (EIP-712) and
// downloads it; someone else submits the file and pays; the release is the publisher's.
import { readFileSync } from "node:fs";
import { privateKeyToAddress } from "viem/accounts";
import { connectWallet } from "./support/connectWallet.ts";
import { fixturePath } from "./support/fixtureArchives.ts";
import { expect, test } from "./support/fixtures.ts";
import { DEV_KEYS, stack } from "./support/stack.ts";
import { installTestWallet } from "./support/testWallet.ts";
import { verifyFile } from "./support/verifyInPage.ts";

const NAME = "docker.io/fixture/dup:1.0";
test.use({ walletKey: "third" });

test("a signed release downloads as a file that another account submits; it verifies as the signer's", async ({
  page,
  wallet,
  browser,
}) => {
  await page.goto(`${stack.siteUrl}#/publish`);
  await connectWallet(page, wallet.address);
  await page.getByLabel("Choose an archive").setInputFiles(fixturePath("docker20-save-dup-layers.tar"));
  await page.getByLabel("Name to publish under").fill(NAME);
  await page.getByText("No gas? Sign it now").click();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Sign and download" }).click();
  const signedFile = await (await download).path();
  const signed = JSON.parse(readFileSync(signedFile, "utf8")) as {
    version: number;
    publisher: string;
    signer: string;
    release: { name: string };
    signature: string;
  };
  // The v2 file names the signer (the publisher itself here) next to the publisher.
  expect([signed.version, signed.publisher, signed.signer]).toEqual([2, wallet.address, wallet.address]);
  expect(signed.release.name).toBe(NAME);

  const submitterContext = await browser.newContext();
  const submitterPage = await submitterContext.newPage();
  const submitter = await installTestWallet(submitterPage, {
    privateKey: DEV_KEYS.fourth,
    rpcUrl: stack.rpcUrl,
    chainId: stack.chainId,
  });
  await submitterPage.goto(`${stack.siteUrl}#/publish`);
  await connectWallet(submitterPage, submitter.address);
  await submitterPage.getByLabel("Signed release file").setInputFiles(signedFile);
  await expect(submitterPage.getByTestId("review-name")).toHaveText(NAME);
  await submitterPage.getByRole("button", { name: "Submit signed release" }).click();
  await expect(submitterPage.getByText("Published.")).toBeVisible();
  await submitterContext.close();

  await page.goto(`${stack.siteUrl}#/?publisher=${privateKeyToAddress(DEV_KEYS.third)}`);
  const card = await verifyFile(page, fixturePath("docker20-save-dup-layers.tar"));
  await expect(card.getByTestId("verdict")).toHaveText(/^VERIFIED/);
  await expect(card).toContainText(NAME);
});
