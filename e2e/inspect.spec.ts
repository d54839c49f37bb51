// The engine in the real browser: the built site's Web Workers hash real archives
// chosen through the page's file input, and the page shows what the tools reported.
import { createHash } from "node:crypto";
import { mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expectedImages, fixturePath } from "./support/fixtureArchives.ts";
import { expect, test } from "./support/fixtures.ts";
import { stack } from "./support/stack.ts";

const INTACT_ARCHIVES = [
  "docker20-save.tar",
  "docker20-save.tar.gz",
  "podman-oci-archive.tar",
  "podman-save-multi-image.tar",
  "docker26-save.tar",
  "docker26-containerd-store-save.tar",
  "containerd-export-nested-index.tar",
  "podman-multiplatform-oci-archive.tar.gz",
];

for (const archive of INTACT_ARCHIVES) {
  test(`shows the tools' image IDs for ${archive}`, async ({ page }) => {
    await page.goto(stack.siteUrl);
    await page.getByLabel("Choose an archive").setInputFiles(fixturePath(archive));
    await expect(page.getByTestId("inspect-summary")).toHaveAttribute("data-verdict", "intact");
    const expected = expectedImages(archive).map(({ imageId }) => imageId);
    // One verdict card per image, each naming its image ID, once the chain has answered.
    await expect(page.getByTestId("verdict")).toHaveCount(expected.length);
    const shown = await page.getByTestId("image-id").allTextContents();
    expect(shown.sort()).toEqual(expected.sort());
  });
}

test("says plainly that zstd layers cannot be vouched for", async ({ page }) => {
  await page.goto(stack.siteUrl);
  await page.getByLabel("Choose an archive").setInputFiles(fixturePath("skopeo-copy-oci-archive-zstd.tar"));
  await expect(page.getByTestId("inspect-summary")).toHaveAttribute("data-verdict", "unsupported");
  await expect(page.getByTestId("verdict")).toHaveText(/^UNKNOWN/);
  await expect(page.getByRole("list", { name: "Evidence" })).toContainText("zstd");
});

test("identifies a file that is not an image by its sha256", async ({ page }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "imageseal-e2e-file-"));
  const file = path.join(dir, "release-notes.txt");
  const bytes = Buffer.from("ImageSeal: any digital asset is identified by its sha256.\n");
  writeFileSync(file, bytes);
  await page.goto(stack.siteUrl);
  await page.getByLabel("Choose an archive").setInputFiles(file);
  await expect(page.getByTestId("archive-digest")).toHaveText(
    `sha256:${createHash("sha256").update(bytes).digest("hex")}`,
  );
});

test("cancels a long check at once and can start again", async ({ page }) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "imageseal-e2e-big-"));
  const big = path.join(dir, "big.bin");
  writeFileSync(big, "");
  truncateSync(big, 2 * 1024 ** 3); // sparse: 2 GiB of zeros, instant to make
  await page.goto(stack.siteUrl);
  await page.getByLabel("Choose an archive").setInputFiles(big);
  const progress = page.getByRole("group", { name: "Checking big.bin" });
  await expect(progress.getByRole("progressbar")).toBeVisible();
  await progress.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("status")).toHaveText("Cancelled checking big.bin.");
  await page.getByLabel("Choose an archive").setInputFiles(fixturePath("docker20-save.tar"));
  await expect(page.getByTestId("image-id")).toHaveText(expectedImages("docker20-save.tar")[0]?.imageId ?? "");
});
