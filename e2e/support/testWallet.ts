// An injected EIP-1193 wallet announced through EIP-6963, as MetaMask announces itself,
// but signing in the test process with a viem account against the real local node.
// The page sees an ordinary browser wallet; the site has no test-only branch.
import type { Page } from "@playwright/test";
import { createWalletClient, defineChain, type Hex, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";

export const TEST_WALLET_NAME = "ImageSeal Test Wallet";

interface RpcError {
  code: number;
  message: string;
  data?: unknown;
}
interface WalletAnswer {
  result?: unknown;
  error?: RpcError;
  /** EIP-1193 events the page-side provider must emit after answering. */
  events?: [string, unknown][];
}

export interface TestWallet {
  /** The account selected now (the first key's until switchAccount). */
  address: `0x${string}`;
  /** Every account the wallet holds, in the order of its keys. */
  addresses: `0x${string}`[];
  /** Selects another of the wallet's accounts, as a user does in the wallet's menu: the page gets `accountsChanged`. */
  switchAccount(address: string): Promise<void>;
  /** The next call of `method` is refused as a user would refuse it (EIP-1193 code 4001). */
  rejectNext(method: "eth_sendTransaction" | "eth_signTypedData_v4" | "eth_requestAccounts"): void;
}

const USER_REJECTED: RpcError = { code: 4001, message: "User rejected the request." };

async function forward(rpcUrl: string, method: string, params: unknown[]): Promise<WalletAnswer> {
  const response = await fetch(rpcUrl, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
  });
  const body = (await response.json()) as { result?: unknown; error?: RpcError };
  return body.error ? { error: body.error } : { result: body.result };
}

/** `otherKeys`: more accounts the wallet holds, to switch to with switchAccount. */
export async function installTestWallet(
  page: Page,
  options: { privateKey: Hex; otherKeys?: Hex[]; rpcUrl: string; chainId: number },
): Promise<TestWallet> {
  const all = [options.privateKey, ...(options.otherKeys ?? [])].map((key) => privateKeyToAccount(key));
  let account = all[0] as (typeof all)[number];
  const chain = defineChain({
    id: options.chainId,
    name: "Local",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [options.rpcUrl] } },
  });
  const clientOf = (selected: typeof account) =>
    createWalletClient({ account: selected, chain, transport: http(options.rpcUrl) });
  let client = clientOf(account);
  const rejections = new Set<string>();
  let connected = false;
  const accounts = () => (connected ? [account.address] : []);
  const chainIdHex = `0x${options.chainId.toString(16)}`;

  async function handle(method: string, params: unknown[]): Promise<WalletAnswer> {
    if (rejections.delete(method)) return { error: USER_REJECTED };
    switch (method) {
      case "eth_requestAccounts":
        connected = true;
        return {
          result: accounts(),
          events: [
            ["connect", { chainId: chainIdHex }],
            ["accountsChanged", accounts()],
          ],
        };
      case "eth_accounts":
        return { result: accounts() };
      case "eth_chainId":
        return { result: chainIdHex };
      case "wallet_requestPermissions":
        connected = true;
        return { result: [{ parentCapability: "eth_accounts" }], events: [["accountsChanged", accounts()]] };
      case "wallet_getPermissions":
        return { result: connected ? [{ parentCapability: "eth_accounts" }] : [] };
      case "wallet_revokePermissions":
        connected = false;
        return { result: null, events: [["accountsChanged", []]] };
      case "wallet_switchEthereumChain": {
        const [{ chainId } = { chainId: "" }] = params as { chainId: string }[];
        return chainId.toLowerCase() === chainIdHex
          ? { result: null }
          : { error: { code: 4902, message: `Unrecognized chain ${chainId}` } };
      }
      case "personal_sign":
        return { result: await account.signMessage({ message: { raw: params[0] as Hex } }) };
      case "eth_signTypedData_v4": {
        // viem derives the domain type itself, so the request's EIP712Domain entry goes.
        const { types, ...typed } = JSON.parse(params[1] as string) as { types: Record<string, unknown> } & Record<
          string,
          unknown
        >;
        const { EIP712Domain: _domain, ...messageTypes } = types;
        return {
          result: await account.signTypedData({ ...typed, types: messageTypes } as unknown as Parameters<
            typeof account.signTypedData
          >[0]),
        };
      }
      case "eth_sendTransaction": {
        const [tx] = params as { to?: Hex; data?: Hex; value?: Hex; gas?: Hex }[];
        try {
          const hash = await client.sendTransaction({
            to: tx?.to,
            data: tx?.data,
            value: tx?.value ? BigInt(tx.value) : undefined,
            gas: tx?.gas ? BigInt(tx.gas) : undefined,
          });
          return { result: hash };
        } catch (error) {
          return { error: { code: -32603, message: (error as Error).message } };
        }
      }
      default:
        return forward(options.rpcUrl, method, params);
    }
  }

  await page.exposeFunction("__imagesealTestWallet", (method: string, params: unknown[]) =>
    handle(method, params ?? []),
  );
  await page.addInitScript(
    ({ name }) => {
      type Listener = (payload: unknown) => void;
      const listeners = new Map<string, Set<Listener>>();
      const bridge = (
        window as unknown as { __imagesealTestWallet: (method: string, params: unknown[]) => Promise<WalletAnswer> }
      ).__imagesealTestWallet;
      const provider = {
        async request({ method, params }: { method: string; params?: unknown[] }) {
          const answer = await bridge(method, params ?? []);
          for (const [event, payload] of answer.events ?? [])
            for (const listener of listeners.get(event) ?? []) listener(payload);
          if (answer.error) throw Object.assign(new Error(answer.error.message), answer.error);
          return answer.result;
        },
        on(event: string, listener: Listener) {
          if (!listeners.has(event)) listeners.set(event, new Set());
          listeners.get(event)?.add(listener);
          return provider;
        },
        removeListener(event: string, listener: Listener) {
          listeners.get(event)?.delete(listener);
          return provider;
        },
      };
      const icon =
        "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'%3E%3Crect width='32' height='32' rx='8' fill='%237c3aed'/%3E%3C/svg%3E";
      const info = Object.freeze({ uuid: crypto.randomUUID(), name, icon, rdns: "dev.imageseal.testwallet" });
      // The test process tells the page about an account switch through this (see switchAccount).
      (
        window as unknown as { __imagesealTestWalletEmit: (event: string, payload: unknown) => void }
      ).__imagesealTestWalletEmit = (event, payload) => {
        for (const listener of listeners.get(event) ?? []) listener(payload);
      };
      const announce = () =>
        window.dispatchEvent(
          new CustomEvent("eip6963:announceProvider", { detail: Object.freeze({ info, provider }) }),
        );
      window.addEventListener("eip6963:requestProvider", announce);
      announce();
    },
    { name: TEST_WALLET_NAME },
  );
  const wallet: TestWallet = {
    address: account.address,
    addresses: all.map((a) => a.address),
    rejectNext: (method) => rejections.add(method),
    async switchAccount(address) {
      const next = all.find((a) => a.address.toLowerCase() === address.toLowerCase());
      if (next === undefined) throw new Error(`the test wallet holds no account ${address}`);
      account = next;
      client = clientOf(next);
      wallet.address = next.address;
      if (connected)
        await page.evaluate(
          (accounts) =>
            (
              window as unknown as { __imagesealTestWalletEmit: (event: string, payload: unknown) => void }
            ).__imagesealTestWalletEmit("accountsChanged", accounts),
          accounts(),
        );
    },
  };
  return wallet;
}
