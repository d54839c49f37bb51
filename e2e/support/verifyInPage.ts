import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, type Locator, type Page } from "@playwright/test";
import { PROJECT_ROOT } from "../../app/tools/localStack.ts";

/** Screenshots of verdicts, for people (the README shows the best ones, copied to e2e/screenshots/). */
const SCREENSHOT_DIR = path.join(PROJECT_ROOT, "test-results", "screenshots");

/** Chooses `file` on the Verify page and waits for the chain's verdict; returns the card. */
export async function verifyFile(page: Page, file: string): Promise<Locator> {
  await page.getByLabel("Choose an archive").setInputFiles(file);
  const card = page.getByRole("article", { name: /^Verdict for / }).first();
  await expect(card.getByTestId("verdict")).toBeVisible();
  return card;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
