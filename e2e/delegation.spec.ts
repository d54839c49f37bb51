// Organisations: a publisher authorises a delegate key (a CI key) for a name prefix on its
// Publisher page; the key publishes on the publisher's behalf within that prefix only; a
// verifier trusting the publisher reads VERIFIED "through delegate key …"; once the publisher
// revokes the key, its release no longer counts. Through the page only, one injected wallet
// holding both accounts and switching between them.
import { privateKeyToAddress } from "viem/accounts";
import { connectWallet, expectAccount } from "./support/connectWallet.ts";
import { publishImageReleases } from "./support/directRegistry.ts";
import { expectedImages, fixturePath } from "./support/fixtureArchives.ts";
import { expect, test } from "./support/fixtures.ts";
import { DEV_KEYS, stack } from "./support/stack.ts";
import { installTestWallet } from "./support/testWallet.ts";
import { screenshot, verifyFile } from "./support/verifyInPage.ts";

test.use({ walletKey: "sixth", walletOtherKeys: ["seventh"] });

const PUBLISHER = privateKeyToAddress(DEV_KEYS.sixth);
const DELEGATE = privateKeyToAddress(DEV_KEYS.seventh);
const ARCHIVE = "podman-save-docker-archive.tar";
const NAME = "docker.io/acme/api:1";
const verifyLink = () => `${stack.siteUrl}#/?publisher=${PUBLISHER}`;

test.describe.configure({ mode: "serial" });

test("a delegate key publishes for its publisher within its prefix only, verifies through the key, and stops counting once revoked", async ({
  page,
  wallet,
}) => {
  expect(wallet.addresses).toEqual([PUBLISHER, DELEGATE]);

  // The publisher authorises the key on its own Publisher page.
  await page.goto(`${stack.siteUrl}#/publisher/${PUBLISHER}`);
  await expect(page.getByRole("status").filter({ hasText: "No delegate keys." })).toBeVisible();
  await connectWallet(page, PUBLISHER);
  const form = page.getByRole("form", { name: "Authorize a delegate key" });
  await form.getByLabel("Delegate key address").fill(DELEGATE);
  await form.getByLabel("Names starting with").fill("docker.io/acme");
  await expect(form.getByTestId("prefix-warning")).toContainText("also covers names such as “docker.io/acme-evil/…”");
  await form.getByLabel("Names starting with").fill("docker.io/acme/");
  await expect(form.getByTestId("prefix-warning")).toHaveCount(0);
  await form.getByLabel("Days until it expires").fill("30");
  await form.getByRole("button", { name: "Authorize key" }).click();
  await expect(form.getByText(`Authorized ${DELEGATE} until`)).toBeVisible();
  const key = page.getByRole("listitem", { name: `Delegate key ${DELEGATE}` });
  await expect(key).toContainText("active");
  await expect(key).toContainText("docker.io/acme/");
  await screenshot(page, "delegate-keys");

  // The wallet switches to the delegate key, which publishes on the publisher's behalf.
  await wallet.switchAccount(DELEGATE);
  await expectAccount(page, DELEGATE);
  await page.goto(`${stack.siteUrl}#/publish`);
  await page.getByLabel("Choose an archive").setInputFiles(fixturePath(ARCHIVE));
  await page.getByLabel("Publish on behalf of").fill(PUBLISHER);
  await expect(page.getByTestId("delegation-scope")).toContainText(
    `Your key may publish for ${PUBLISHER} names starting with docker.io/acme/, until`,
  );
  // Out of the prefix: refused in words before the wallet opens (no button to press).
  await page.getByLabel("Name to publish under").fill("docker.io/acme-evil/api:1");
  await expect(page.getByRole("list", { name: "Before publishing" })).toContainText(
    `“docker.io/acme-evil/api:1” does not start with “docker.io/acme/”, so your key may not publish it for ${PUBLISHER}`,
  );
  await expect(page.getByRole("button", { name: "Publish release" })).toHaveCount(0);
  await page.getByLabel("Name to publish under").fill(NAME);
  await expect(page.getByRole("region", { name: "What will be recorded" })).toContainText(
    `by ${PUBLISHER} through delegate key ${DELEGATE}`,
  );
  await page.getByRole("button", { name: "Publish release" }).click();
  await expect(page.getByText("Published.")).toBeVisible();

  // Strangers name the same image 11 times, straight to the contract: a verification counts them, never reads them.
  const IMAGE_ID = expectedImages(ARCHIVE)[0]?.imageId ?? "missing";
  const STRANGER = privateKeyToAddress(DEV_KEYS.fourth);
  await publishImageReleases(
    DEV_KEYS.fourth,
    IMAGE_ID as `sha256:${string}`,
    Array.from({ length: 11 }, (_, i) => `docker.io/squatter/api:${i}`),
  );

  // A verifier trusting the publisher: VERIFIED, through the delegate key (both addresses in full).
  await page.goto(verifyLink());
  await page.reload();
  const card = await verifyFile(page, fixturePath(ARCHIVE));
  await expect(card.getByTestId("verdict")).toHaveText(/^VERIFIED/);
  await expect(card.getByTestId("image-id")).toHaveText(IMAGE_ID);
  await expect(card).toContainText(`through delegate key ${DELEGATE}`);
  await screenshot(page, "verified-delegate");
  // The strangers' releases: counted, then loaded 10 at a time on demand.
  const others = card.getByRole("region", { name: "Releases by other publishers" });
  await expect(others).toContainText(`12 releases by anyone name its image ID ${IMAGE_ID}`);
  await expect(others.getByRole("article")).toHaveCount(0);
  await others.getByRole("button", { name: "Show the newest 10" }).click();
  await expect(others.getByRole("article")).toHaveCount(10);
  await expect(others.getByRole("article").first()).toContainText(STRANGER);
  await expect(others).toContainText("and 2 more");
  await others.getByRole("button", { name: "Show more" }).click();
  await expect(others.getByRole("article")).toHaveCount(12);
  await expect(others.getByRole("button", { name: "Show more" })).toHaveCount(0);
  await screenshot(page, "other-releases");
  // The digest's own page reads a page at a time too.
  await page.goto(`${stack.siteUrl}#/digest/${IMAGE_ID}`);
  await expect(page.getByTestId("digest-total")).toHaveText("12 releases name this digest, newest first.");
  await expect(page.getByRole("article")).toHaveCount(12);
  await expect(page.getByRole("article").filter({ hasText: `through delegate key ${DELEGATE}` })).toHaveCount(1);

  // The publisher revokes the key.
  await wallet.switchAccount(PUBLISHER);
  await page.goto(`${stack.siteUrl}#/publisher/${PUBLISHER}`);
  await expectAccount(page, PUBLISHER);
  await page.getByRole("button", { name: `Revoke delegate key ${DELEGATE}` }).click();
  // The confirmation shows until the list is read again; then the key's own entry says it (the durable state).
  await expect(page.getByRole("listitem", { name: `Delegate key ${DELEGATE}` })).toContainText("revoked");
  await expect(page.getByRole("listitem", { name: `Delegate key ${DELEGATE}` })).toContainText(
    "its releases no longer count",
  );

  // Its release no longer counts: not VERIFIED, and the card says the delegation was revoked.
  await page.goto(verifyLink());
  await page.reload();
  const after = await verifyFile(page, fixturePath(ARCHIVE));
  await expect(after.getByTestId("verdict")).not.toHaveText(/^VERIFIED/);
  await expect(after).toContainText(`the delegation of key ${DELEGATE} by ${PUBLISHER} was revoked on`);
  await screenshot(page, "delegate-revoked");
});

test("“Cancel my outstanding signed releases” on the Publisher page voids a signed file nobody submitted yet", async ({
  page,
  wallet,
  browser,
}) => {
  await page.goto(`${stack.siteUrl}#/publish`);
  await connectWallet(page, wallet.address);
  await page.getByLabel("Choose an archive").setInputFiles(fixturePath("podman-save-docker-archive.tar"));
  await page.getByLabel("Name to publish under").fill("docker.io/acme/api:cancelled");
  await page.getByText("No gas? Sign it now").click();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Sign and download" }).click();
  const signedFile = await (await download).path();

  await page.goto(`${stack.siteUrl}#/publisher/${wallet.address}`);
  await expectAccount(page, wallet.address);
  await page.getByRole("button", { name: "Cancel my outstanding signed releases…" }).click();
  await page.getByRole("button", { name: "Cancel my outstanding signed releases", exact: true }).click();
  await expect(
    page.getByText(/^Cancelled: only signatures made for nonce \d+ or later are accepted now\.$/),
  ).toBeVisible();

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
  await submitterPage.getByRole("button", { name: "Submit signed release" }).click();
  await expect(submitterPage.getByTestId("write-error")).toContainText(
    "The publisher has revoked a release or cancelled its signatures since this was signed",
  );
  await submitterContext.close();
});
