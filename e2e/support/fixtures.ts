import { test as base } from "@playwright/test";
import { DEV_KEYS, stack } from "./stack.ts";
import { installTestWallet, type TestWallet } from "./testWallet.ts";

interface Fixtures {
  /** The injected browser wallet, signing with `walletKey`. Installed before the page loads. */
  wallet: TestWallet;
  walletKey: keyof typeof DEV_KEYS;
  /** More accounts the wallet holds (switchAccount). */
  walletOtherKeys: (keyof typeof DEV_KEYS)[];
}

export const test = base.extend<Fixtures>({
  walletKey: ["publisher", { option: true }],
  walletOtherKeys: [[], { option: true }],
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
