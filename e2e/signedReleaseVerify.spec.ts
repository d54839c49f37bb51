// A release that was signed but never submitted, verified on a page that can reach nothing but
// its own origin: the archive and the signed-release file dropped together give the verdict by
// the signature alone, and the page says that a revocation or a cancellation cannot be known.
// An edited file or one for another registry is refused in words, never a verdict.
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { releaseMessage, releaseTypedData } from "../app/chain/releaseTypedData.ts";
import { SIGNED_RELEASE_FORMAT, SIGNED_RELEASE_VERSION, serializeSignedRelease } from "../app/chain/signedRelease.ts";
import type { Digest } from "../app/image/digest.ts";
import { expectedImages, fixturePath } from "./support/fixtureArchives.ts";
import { expect, test } from "./support/fixtures.ts";
import { openOfflinePage } from "./support/offlinePage.ts";
import { stack } from "./support/stack.ts";

const ARCHIVE = "podman-resave-oci-archive.tar";
const NAME = "docker.io/fixture/signed-only:1.0";
const IMAGE_ID = expectedImages(ARCHIVE)[0]?.imageId as Digest;
// A key that never touches the chain: the release exists only as this file.
const publisher = privateKeyToAccount(generatePrivateKey());
const dir = mkdtempSync(path.join(os.tmpdir(), "imageseal-signed-"));

async function signedFile(fileName: string, change: { name?: string; registry?: `0x${string}` } = {}): Promise<string> {
  const release = { name: NAME, imageId: IMAGE_ID, manifestDigest: null, indexDigest: null, archiveDigest: null };
  const deadline = BigInt(Math.floor(Date.now() / 1000) + 86_400);
  const registry = change.registry ?? stack.registry;
  const signature = await publisher.signTypedData(
    releaseTypedData(stack.chainId, registry, releaseMessage(publisher.address, release, 0n, deadline)),
  );
  const text = serializeSignedRelease({
    format: SIGNED_RELEASE_FORMAT,
    version: SIGNED_RELEASE_VERSION,
    chainId: stack.chainId,
    registry,
    publisher: publisher.address,
    signer: publisher.address,
    release: { ...release, name: change.name ?? NAME },
    nonce: 0n,
    deadline,
    signature,
  });
  const file = path.join(dir, fileName);
  writeFileSync(file, text);
  return file;
}

test("an archive and a signed release that never went on chain: VERIFIED by the signature alone, with no request to the chain", async ({
  browser,
}) => {
  const offline = await openOfflinePage(browser, `${stack.siteUrl}#/?publisher=${publisher.address}`);
  const { page } = offline;
  await page.getByLabel("Choose an archive").setInputFiles([fixturePath(ARCHIVE), await signedFile("release.json")]);
  await expect(page.getByRole("heading", { name: "Verification against a signed release" })).toBeVisible();
  await expect(page.getByTestId("signed-release-banner")).toContainText(
    `${publisher.address}'s key signed it, but it was never recorded on chain here`,
  );
  await expect(page.getByTestId("verdict").first()).toHaveText(/^VERIFIED/);
  await expect(page.getByText(`as ${NAME} in a signed release never recorded on chain`).first()).toBeVisible();
  expect(offline.rpcSinceLoad()).toEqual([]);
  expect(offline.blockedSinceLoad()).toEqual([]);
  await offline.context.close();
});

test("an edited signed release, or one for another registry, is refused in words", async ({ browser }) => {
  const offline = await openOfflinePage(browser, `${stack.siteUrl}#/?publisher=${publisher.address}`);
  const { page } = offline;
  await page
    .getByLabel("Choose an archive")
    .setInputFiles([
      fixturePath(ARCHIVE),
      await signedFile("edited.json", { name: "docker.io/fixture/signed-only:latest" }),
    ]);
  await expect(page.getByTestId("signed-release-refused")).toContainText(
    `This signed release was not signed by ${publisher.address}'s key`,
  );
  await expect(page.getByTestId("verdict")).toHaveCount(0);
  // Another signed release chosen alone replaces the first; the archive stays.
  await page
    .getByLabel("Choose an archive")
    .setInputFiles([await signedFile("elsewhere.json", { registry: "0x0000000000000000000000000000000000001234" })]);
  await expect(page.getByTestId("signed-release-refused")).toContainText(
    new RegExp(
      `This signed release is for registry 0x0000000000000000000000000000000000001234, not registry ${stack.registry}`,
      "i",
    ),
  );
  expect(offline.rpcSinceLoad()).toEqual([]);
  await offline.context.close();
});
