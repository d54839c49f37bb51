// `--chain` (and `--registry`) → a read-only client and the registry to ask. Node-only: it
// reads the environment and Ignition's local deployment file. Accepts a chain name from
// app/config/chains.ts that has a deployment in app/config/deployments.ts, `localhost`, or
// an RPC URL (with --registry unless its chain id has a known deployment, or is the local
// chain's 31337, whose deployment npm start recorded).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { type Address, type Chain, createPublicClient, getAddress, http, isAddress } from "viem";
import { getChainId } from "viem/actions";
import { toAppError } from "../../chain/errors.ts";
import type { ReadClient } from "../../chain/readClient.ts";
import { readTransport } from "../../chain/readTransport.ts";
import { publicDeployments } from "../../config/deployments.ts";
import { type AppEnv, EnvError, parseEnv } from "../../config/env.ts";

/** Bad `--chain` / `--registry` input, or a chain that cannot be reached: exit status 2. */
export class ChainInputError extends Error {
  override readonly name = "ChainInputError";
}

export interface ResolvedChain {
  client: ReadClient;
  chain: Chain;
  rpcUrl: string;
  registry: { registry: Address; deployedOnBlock: bigint };
}

interface ResolveOptions {
  /** Where contracts/ignition/deployments/chain-31337 lives. */
  projectRoot: string;
  env: Record<string, string | undefined>;
}

// viem's chain list (app/config/chains.ts imports it) costs ~0.3 s to load: only a chain
// name needs it, so it is imported then and not for localhost or an RPC URL.
const loadChains = () => import("../../config/chains.ts");

const LOCAL_CHAIN_ID = 31337;

function customChain(id: number, name: string, rpcUrl: string): Chain {
  return {
    id,
    name,
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [rpcUrl] } },
  };
}

const squash = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");
const ALIASES: Record<string, number> = { ethereum: 1, optimism: 10, arbitrum: 42161 };

function parseRegistry(text: string | undefined): Address | undefined {
  if (text === undefined) return undefined;
  if (!isAddress(text)) throw new ChainInputError(`--registry is not an address: "${text}"`);
  return getAddress(text);
}

/** The registry Ignition deployed on the local chain (`npm start`), if any. */
export function localDeployment(projectRoot: string): Address | undefined {
  const file = path.join(projectRoot, "contracts", "ignition", "deployments", "chain-31337", "deployed_addresses.json");
  if (!existsSync(file)) return undefined;
  const addresses = JSON.parse(readFileSync(file, "utf8")) as Record<string, string>;
  const address = Object.entries(addresses).find(([key]) => key.endsWith("#ImageRegistry"))?.[1];
  return address !== undefined && isAddress(address) ? getAddress(address) : undefined;
}

function client(chain: Chain, rpcUrl: string): ReadClient {
  return createPublicClient({ chain, transport: readTransport(rpcUrl, { timeout: 20_000 }) }) as ReadClient;
}

async function fromUrl(url: string, registry: Address | undefined, local: Address | undefined): Promise<ResolvedChain> {
  let chainId: number;
  try {
    chainId = await getChainId(createPublicClient({ transport: http(url, { retryCount: 0, timeout: 10_000 }) }));
  } catch (error) {
    throw new ChainInputError(toAppError(error).message);
  }
  const chain = customChain(chainId, chainId === LOCAL_CHAIN_ID ? "Hardhat" : `chain ${chainId}`, url);
  const deployment = publicDeployments.find((d) => d.chainId === chainId);
  // The local dev chain reached by its URL (http://127.0.0.1:8545) finds npm start's deployment, as `localhost` does.
  const address = registry ?? deployment?.address ?? (chainId === LOCAL_CHAIN_ID ? local : undefined);
  if (address === undefined)
    throw new ChainInputError(`No ImageRegistry deployment is known on chain ${chainId}: pass --registry <address>.`);
  return {
    client: client(chain, url),
    chain,
    rpcUrl: url,
    registry: { registry: address, deployedOnBlock: registry === undefined ? (deployment?.deployedOnBlock ?? 0n) : 0n },
  };
}

export async function resolveChain(
  chainArg: string,
  registryArg: string | undefined,
  options: ResolveOptions,
): Promise<ResolvedChain> {
  const registry = parseRegistry(registryArg);
  let env: AppEnv;
  try {
    env = parseEnv(options.env);
  } catch (error) {
    if (error instanceof EnvError) throw new ChainInputError(error.message);
    throw error;
  }
  const localAddress = () => env.localRegistry?.address ?? localDeployment(options.projectRoot);
  if (/^https?:\/\//i.test(chainArg))
    return fromUrl(chainArg, registry, registry === undefined ? localAddress() : undefined);
  if (chainArg === "localhost") {
    const address = registry ?? localAddress();
    if (address === undefined)
      throw new ChainInputError(
        "No local ImageRegistry: run `npm start` (it deploys one), or pass --registry <address>.",
      );
    const local = customChain(LOCAL_CHAIN_ID, "Hardhat", env.localRpcUrl);
    const deployedOnBlock = registry === undefined && env.localRegistry ? env.localRegistry.deployedOnBlock : 0n;
    return {
      client: client(local, env.localRpcUrl),
      chain: local,
      rpcUrl: env.localRpcUrl,
      registry: { registry: address, deployedOnBlock },
    };
  }
  return fromName(chainArg, registry, env);
}

async function fromName(chainArg: string, registry: Address | undefined, env: AppEnv): Promise<ResolvedChain> {
  const { registryChains, supportedChains } = await loadChains();
  const wanted = /^\d+$/.test(chainArg)
    ? Number(chainArg)
    : (ALIASES[squash(chainArg)] ?? supportedChains.find((c) => squash(c.name) === squash(chainArg))?.id);
  const known = supportedChains.find((c) => c.id === wanted);
  if (known === undefined) {
    const names = supportedChains.map((c) => squash(c.name)).join(", ");
    throw new ChainInputError(`Unknown chain "${chainArg}". Use localhost, an RPC URL, or one of: ${names}.`);
  }
  // The local chain (31337) is reached as `localhost`; by name only public deployments count.
  const configured = registryChains(env).find((c) => c.chain.id === known.id && c.chain.id !== LOCAL_CHAIN_ID);
  if (known.id === LOCAL_CHAIN_ID && registry === undefined)
    throw new ChainInputError("The local chain is `--chain localhost`.");
  if (configured === undefined && registry === undefined) {
    throw new ChainInputError(
      `No ImageRegistry deployment is known on ${known.name} (app/config/deployments.ts): pass --chain <RPC URL> --registry <address>.`,
    );
  }
  const rpcUrl = configured?.rpcUrl ?? env.rpcOverrides[known.id] ?? known.rpcUrls.default.http[0] ?? "";
  const chain: Chain = { ...known, rpcUrls: { default: { http: [rpcUrl] } } };
  const ref =
    registry !== undefined
      ? { registry, deployedOnBlock: 0n }
      : { registry: configured?.registry as Address, deployedOnBlock: configured?.deployedOnBlock ?? 0n };
  return { client: client(chain, rpcUrl), chain, rpcUrl, registry: ref };
}
