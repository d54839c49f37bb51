import { test as base } from "@playwright/test";
import { expectConsoleError, guardConsoleErrors } from "./consoleErrors.ts";
import { DEV_KEYS, stack } from "./stack.ts";
import { installTestWallet, type TestWallet } from "./testWallet.ts";

interface Fixtures {
  /** The injected browser wallet, signing with `walletKey`. Installed before the page loads. */
  wallet: TestWallet;
  walletKey: keyof typeof DEV_KEYS;
  /** More accounts the wallet holds (switchAccount). */
  walletOtherKeys: (keyof typeof DEV_KEYS)[];
  /** Fails the test on a browser console error or uncaught error it did not declare. */
  consoleErrorGuard: undefined;
  /**
   * Declares a browser error this test causes on purpose, by a precise pattern:
   * `expectConsoleError(/blocked by CORS policy/)`; it must then show. Also importable from
   * here, for helpers (see consoleErrors.ts).
   */
  expectConsoleError: typeof expectConsoleError;
}

export const test = base.extend<Fixtures>({
  walletKey: ["publisher", { option: true }],
  walletOtherKeys: [[], { option: true }],
  consoleErrorGuard: [
    ({ browser, context }, use, testInfo) => guardConsoleErrors(browser, context, testInfo, () => use(undefined)),
    { auto: true },
  ],
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads a fixture's dependencies from this pattern.
  expectConsoleError: async ({}, use) => use(expectConsoleError),
  wallet: async ({ page, walletKey, walletOtherKeys }, use) => {
    const otherKeys = walletOtherKeys.map((key) => DEV_KEYS[key]);
    await use(
      await installTestWallet(page, {
        privateKey: DEV_KEYS[walletKey],
        otherKeys,
        rpcUrl: stack.rpcUrl,
        chainId: stack.chainId,
      }),
    );
  },
});

export { expect } from "@playwright/test";
export { expectConsoleError } from "./consoleErrors.ts";
