// What globalSetup started, as the specs see it.
import type { Address, Hex } from "viem";

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined)
    throw new Error(`${name} is not set: the e2e specs run through e2e/playwright.config.ts (globalSetup)`);
  return value;
}

export const stack = {
  get siteUrl() {
    return required("E2E_SITE_URL");
  },
  get rpcUrl() {
    return required("E2E_RPC_URL");
  },
  get chainId() {
    return Number(required("E2E_CHAIN_ID"));
  },
  get registry() {
    return required("E2E_REGISTRY") as Address;
  },
  /** The local OCI registry (CORS open), or undefined when docker-registry is not installed. */
  get ociRegistryUrl(): string | undefined {
    return process.env.E2E_OCI_REGISTRY_URL;
  },
  get ociRegistryDir(): string | undefined {
    return process.env.E2E_OCI_REGISTRY_DIR;
  },
};

// Hardhat's well-known dev accounts (public keys, funded only on local nodes). Each
// spec file that writes uses its own account so specs never share a nonce or releases.
export const DEV_KEYS = {
  publisher: "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80",
  second: "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d",
  third: "0x5de4111afa1a4b94908f83103eb1f1706367c2e68ca870fc3fb9a804cdfc365a",
  fourth: "0x7c852118294e51e653712a81e05800f419141751be58f605c371e15141b007a6",
  fifth: "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a",
  sixth: "0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba",
  seventh: "0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e",
  eighth: "0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356",
  ninth: "0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97",
  tenth: "0xf214f2b2cd398c806f84e317254e0f0b801d0643303237d97a22a48e01628897",
  eleventh: "0x701b615bbdfb9de65240bc28bd21bbc0d996645a3dd57e7b12bc2bdf6f192c82",
} as const satisfies Record<string, Hex>;
