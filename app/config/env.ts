// The build-time settings, read and validated in one place. The site and the CLI
// both go through `parseEnv`, so a bad value fails loudly at start instead of as
// a confusing RPC error later.
import { type Address, getAddress, isAddress } from "viem";

export interface AppEnv {
  /** The local chain's JSON-RPC URL (`npm start` runs one on 127.0.0.1:8545). */
  localRpcUrl: string;
  /** ImageRegistry on the local chain, when `npm start` (or the e2e harness) deployed one. */
  localRegistry?: { address: Address; deployedOnBlock: bigint };
  /** WalletConnect Cloud project id; mobile wallets are offered only when it is set. */
  walletConnectProjectId?: string;
  /** Per-chain RPC overrides: VITE_RPC_URL_<chainId>=https://… */
  rpcOverrides: Record<number, string>;
}

export class EnvError extends Error {
  override readonly name = "EnvError";
}

type RawEnv = Record<string, string | boolean | undefined>;

function text(raw: RawEnv, key: string): string | undefined {
  const value = raw[key];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
}

function url(value: string, key: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error(parsed.protocol);
    return value;
  } catch {
    throw new EnvError(`${key} must be an http(s) URL, got "${value}"`);
  }
}

export function parseEnv(raw: RawEnv): AppEnv {
  const env: AppEnv = {
    localRpcUrl: url(text(raw, "VITE_LOCAL_RPC_URL") ?? "http://127.0.0.1:8545", "VITE_LOCAL_RPC_URL"),
    rpcOverrides: {},
  };
  const address = text(raw, "VITE_LOCAL_REGISTRY_ADDRESS");
  if (address !== undefined) {
    if (!isAddress(address)) throw new EnvError(`VITE_LOCAL_REGISTRY_ADDRESS is not an address: "${address}"`);
    const block = text(raw, "VITE_LOCAL_REGISTRY_BLOCK") ?? "0";
    if (!/^\d+$/.test(block)) throw new EnvError(`VITE_LOCAL_REGISTRY_BLOCK must be a block number, got "${block}"`);
    env.localRegistry = { address: getAddress(address), deployedOnBlock: BigInt(block) };
  }
  const projectId = text(raw, "VITE_WALLETCONNECT_PROJECT_ID");
  if (projectId !== undefined) env.walletConnectProjectId = projectId;
  for (const [key, value] of Object.entries(raw)) {
    const match = /^VITE_RPC_URL_(\d+)$/.exec(key);
    if (match?.[1] !== undefined && typeof value === "string" && value !== "") {
      env.rpcOverrides[Number(match[1])] = url(value, key);
    }
  }
  return env;
}
