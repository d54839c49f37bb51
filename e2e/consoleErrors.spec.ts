// The guard every spec runs under (support/consoleErrors.ts and the auto fixture in
// support/fixtures.ts). The guard here watches its own context; the fixture's guard sees the
// same errors, so each test declares them to it with expectConsoleError as well.
import { readdirSync, readFileSync } from "node:fs";
import type { Browser } from "@playwright/test";
import { watchConsoleErrors } from "./support/consoleErrors.ts";
import { expect, expectConsoleError, test } from "./support/fixtures.ts";

async function watchedPage(browser: Browser) {
  const context = await browser.newContext();
  const watch = watchConsoleErrors(browser, context);
  const page = await context.newPage();
  await page.setContent("<p>page</p>");
  const close = async () => {
    watch.stop();
    await context.close();
  };
  return { page, watch, close };
}

test("the fixture fails a test with a console.error nobody declared", async ({ page }) => {
  test.fail();
  await page.setContent("<p>page</p>");
  await page.evaluate(() => console.error("Cannot update a component while rendering a different component"));
});

test("an undeclared console.error is reported with its text", async ({ browser }) => {
  expectConsoleError(/^console\.error: registry down$/);
  const { page, watch, close } = await watchedPage(browser);
  await page.evaluate(() => console.error("registry down"));
  await expect.poll(() => watch.problems()).toBe("Browser errors nobody expected:\nconsole.error: registry down");
  await close();
});

test("an uncaught error is reported with its message", async ({ browser }) => {
  expectConsoleError(/^uncaught: Error: lost on the way/);
  const { page, watch, close } = await watchedPage(browser);
  await page.evaluate(() => setTimeout(() => Promise.reject(new Error("lost on the way")), 0));
  await expect
    .poll(() => watch.problems().split("\n").slice(0, 2))
    .toEqual(["Browser errors nobody expected:", "uncaught: Error: lost on the way"]);
  await close();
});

test("a declared error that never shows is reported; one that shows is not", async ({ browser }) => {
  expectConsoleError(/^console\.error: Access to fetch has been blocked by CORS policy$/);
  const { page, watch, close } = await watchedPage(browser);
  watch.expect(/blocked by CORS policy/);
  expect(watch.problems()).toBe("Expected browser errors that never showed: /blocked by CORS policy/");
  await page.evaluate(() => console.error("Access to fetch has been blocked by CORS policy"));
  await expect.poll(() => watch.problems()).toBe("");
  await close();
});

test("every spec takes test and expect from support/fixtures.ts, so the guard runs in all of them", () => {
  const specs = readdirSync(import.meta.dirname).filter((file) => file.endsWith(".spec.ts"));
  const fromPlaywright = specs.filter((file) =>
    /import\s*\{[^}]*\b(?:test|expect)\b[^}]*\}\s*from\s*"@playwright\/test"/.test(
      readFileSync(`${import.meta.dirname}/${file}`, "utf8").replace(/\btype\s+\w+/g, ""),
    ),
  );
  expect(specs.length).toBeGreaterThan(1);
  expect(fromPlaywright).toEqual([]);
});
