// A Verify page with no network but its own origin: every other request (the RPC node above
// all) is aborted and recorded, so a spec can assert that an offline verification sent none.
// The site's shell checks the registry once when a page loads (the header's "Contract" line);
// that check is let fail and counted apart, before the verification starts.
import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";
import { expectConsoleError } from "./consoleErrors.ts";
import { stack } from "./stack.ts";

interface Blocked {
  url: string;
  /** The request body: an RPC request's method and parameters. */
  body: string;
}

interface OfflinePage {
  page: Page;
  context: BrowserContext;
  /** JSON-RPC methods the shell's registry check tried while the page loaded (all aborted). */
  rpcAtLoad: string[];
  /** Every request outside the site's origin since the page loaded (all aborted). */
  blockedSinceLoad(): Blocked[];
  /** Of those, the ones to the chain's RPC endpoint. */
  rpcSinceLoad(): Blocked[];
}

const methodOf = (body: string) => (JSON.parse(body) as { method: string }).method;

export async function openOfflinePage(browser: Browser, url: string): Promise<OfflinePage> {
  // Chromium logs each request this page aborts (the shell's registry check at least): the
  // point of the page, and only these — other errors still fail the test.
  expectConsoleError(/^console\.error: Failed to load resource: net::ERR_INTERNET_DISCONNECTED /);
  const context = await browser.newContext();
  const origin = new URL(stack.siteUrl).origin;
  const rpcOrigin = new URL(stack.rpcUrl).origin;
  const blocked: Blocked[] = [];
  await context.route("**/*", async (route) => {
    const request = route.request();
    if (new URL(request.url()).origin === origin) return route.continue();
    blocked.push({ url: request.url(), body: request.postData() ?? "" });
    return route.abort("internetdisconnected");
  });
  const page = await context.newPage();
  await page.goto(url);
  // The shell's registry check has given up (it says why) before anything is chosen.
  await expect(page.getByTestId("registry-info").getByRole("alert")).toBeVisible();
  const atLoad = blocked.length;
  const rpcAtLoad = blocked.filter((b) => new URL(b.url).origin === rpcOrigin).map((b) => methodOf(b.body));
  const since = () => blocked.slice(atLoad);
  return {
    page,
    context,
    rpcAtLoad,
    blockedSinceLoad: since,
    rpcSinceLoad: () => since().filter((b) => new URL(b.url).origin === rpcOrigin),
  };
}
