// Looking up a name without a publisher: the page lists everyone who published it (two
// publishers here, written straight to the contract), each in full, with its releases under
// readable ids ("2-1", not 8589934593), and the links lead to the release and the history.
import { createHash } from "node:crypto";
import { privateKeyToAddress } from "viem/accounts";
import { publishFileRelease } from "./support/directRegistry.ts";
import { expect, test } from "./support/fixtures.ts";
import { DEV_KEYS, stack } from "./support/stack.ts";
import { screenshot } from "./support/verifyInPage.ts";

const NAME = "docker.io/acme/contested:1.0";
const FIRST = privateKeyToAddress(DEV_KEYS.tenth);
const SECOND = privateKeyToAddress(DEV_KEYS.eleventh);
const fileDigest = (text: string) => `sha256:${createHash("sha256").update(text).digest("hex")}` as const;
/** The readable id, computed here by division rather than by the app's shifts. */
const readable = (id: bigint) => `${id / 2n ** 32n}-${id % 2n ** 32n}`;

test.describe
  .serial("a name looked up without a publisher", () => {
    let firstId = 0n;
    let secondIds: bigint[] = [];

    test.beforeAll(async () => {
      firstId = await publishFileRelease(DEV_KEYS.tenth, NAME, fileDigest("first publisher's file"));
      secondIds = [
        await publishFileRelease(DEV_KEYS.eleventh, NAME, fileDigest("second publisher's file, 1")),
        await publishFileRelease(DEV_KEYS.eleventh, NAME, fileDigest("second publisher's file, 2")),
      ];
    });

    test("lists both publishers in full, with their release counts and newest releases by readable id", async ({
      page,
    }) => {
      await page.goto(stack.siteUrl);
      await expect(page.getByTestId("product-purpose")).toHaveText(
        "ImageSeal checks that a container image is exactly what its publisher released under a name, against a public record the publisher signed — your file never leaves this device.",
      );
      await page.getByLabel("Digest or image name").fill("acme/contested:1.0");
      await page.getByRole("button", { name: "Look up" }).click();

      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Publishers of ${NAME}`);
      expect(new URL(page.url()).hash).toBe(`#/name?name=${encodeURIComponent(NAME)}`);
      await expect(page.getByTestId("name-scan-range")).toContainText("Read every block from");

      const rows = page.getByRole("list", { name: "Publishers of this name" }).getByRole("listitem");
      await expect(rows).toHaveCount(2);
      // First to publish comes first while neither is trusted.
      const first = rows.nth(0);
      const second = rows.nth(1);
      await expect(first).toHaveAccessibleName(`Publisher ${FIRST}`);
      await expect(first.locator("code").first()).toHaveText(FIRST);
      await expect(first).toContainText(`1 release: release ${readable(firstId)} (block`);
      await expect(first).toContainText("You do not trust this publisher.");
      await expect(second).toHaveAccessibleName(`Publisher ${SECOND}`);
      await expect(second.locator("code").first()).toHaveText(SECOND);
      await expect(second).toContainText(`2 releases; the newest is release ${readable(secondIds[1] ?? 0n)} (block`);

      const newest = secondIds[1] ?? 0n;
      const newestLink = second.getByRole("link", { name: `release ${readable(newest)}`, exact: true });
      await expect(newestLink).toHaveAttribute("href", `#/release/${stack.chainId}/${readable(newest)}`);
      await expect(first.getByRole("link", { name: `release ${readable(firstId)}`, exact: true })).toBeVisible();
      expect(await page.locator("main").textContent()).not.toContain(newest.toString());

      await newestLink.click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Release ${readable(newest)}`);
      await expect(page.getByRole("article", { name: `Release ${readable(newest)} ${NAME}` })).toBeVisible();
    });

    test("a release opened by its decimal id reads by its readable id", async ({ page }) => {
      const id = secondIds[0] ?? 0n;
      await page.goto(`${stack.siteUrl}#/release/${stack.chainId}/${id}`);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Release ${readable(id)}`);
      await expect(page.getByRole("article", { name: `Release ${readable(id)} ${NAME}` })).toBeVisible();
    });

    test("a publisher the user trusts moves to the top, and its link opens its history of the name", async ({
      page,
    }) => {
      await page.goto(`${stack.siteUrl}#/publisher/${SECOND}`);
      await page.getByRole("button", { name: `Trust ${SECOND} for every name`, exact: true }).click();
      await page.goto(`${stack.siteUrl}#/name?name=${encodeURIComponent(NAME)}`);

      const rows = page.getByRole("list", { name: "Publishers of this name" }).getByRole("listitem");
      await expect(rows.nth(0)).toHaveAccessibleName(`Publisher ${SECOND}`);
      await expect(rows.nth(0)).toContainText("You trust this publisher for every name.");
      await expect(rows.nth(1)).toHaveAccessibleName(`Publisher ${FIRST}`);
      await screenshot(page, "name-lookup");

      await rows.nth(0).getByRole("link", { name: "This publisher's releases of this name" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toContainText(SECOND);
      for (const id of secondIds)
        await expect(page.getByRole("article", { name: `Release ${readable(id)} ${NAME}` })).toBeVisible();
    });

    test("a name nobody published says so", async ({ page }) => {
      await page.goto(`${stack.siteUrl}#/name?name=${encodeURIComponent("docker.io/acme/nobody:1.0")}`);
      await expect(page.getByRole("status").filter({ hasText: "Nobody has published this name" })).toBeVisible();
      await expect(page.getByRole("list", { name: "Publishers of this name" })).toHaveCount(0);
    });
  });
