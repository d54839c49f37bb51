// Test-only: a real chain for the chain, verdict and CLI tests. Hardhat's EDR runs in this
// process behind its own JSON-RPC HTTP server on a free 127.0.0.1 port, so the code under
// test talks HTTP exactly as it does to a public RPC (and a CLI child process can use the
// URL), no `hardhat node` process is left behind, and a test file starts it in ~0.6 s. A bare
// Hardhat runtime (no project config, so none of its plugins) starts 0.3 s faster than `hardhat`.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createHardhatRuntimeEnvironment } from "hardhat/hre";
import {
  type Address,
  type Chain,
  createPublicClient,
  createTestClient,
  createWalletClient,
  getAddress,
  http,
  type PublicClient,
  type TestClient,
  type WalletClient,
} from "viem";
import type { Digest } from "../../image/digest.ts";
import { itemAt } from "../../image/util/itemAt.ts";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import type { ReleaseInput } from "../release.ts";

const ARTIFACT = new URL("../../../artifacts/contracts/ImageRegistry.sol/ImageRegistry.json", import.meta.url);

function registryBytecode(): `0x${string}` {
  try {
    return (JSON.parse(readFileSync(ARTIFACT, "utf8")) as { bytecode: `0x${string}` }).bytecode;
  } catch (error) {
    throw new Error(`No ImageRegistry artifact: run \`npx hardhat build\` first (${(error as Error).message})`);
  }
}

export interface TestChain {
  url: string;
  chain: Chain;
  publicClient: PublicClient;
  /** Mining control: setAutomine, mine, setNextBlockTimestamp, setBalance. */
  testClient: TestClient<"hardhat">;
  /** The chain's unlocked accounts, as a browser wallet would expose them (JSON-RPC accounts). */
  accounts: Address[];
  wallet(index: number): WalletClient;
  registry: Address;
  deployedOnBlock: bigint;
  deployRegistry(): Promise<{ registry: Address; deployedOnBlock: bigint }>;
  close(): Promise<void>;
}

export async function startTestChain(): Promise<TestChain> {
  // Blocks may share a timestamp, as on chains with sub-second blocks: the revocation lookup must cope.
  const hre = await createHardhatRuntimeEnvironment({});
  const server = await hre.network.createServer({ override: { allowBlocksWithSameTimestamp: true } }, "127.0.0.1", 0);
  const { port } = await server.listen();
  const url = `http://127.0.0.1:${port}`;
  // Not viem/chains' `hardhat`: loading that module loads every chain (~0.2 s).
  const chain: Chain = {
    id: 31337,
    name: "Hardhat",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [url] } },
  };
  const transport = http(url, { retryCount: 0 });
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 50 }) as PublicClient;
  const testClient = createTestClient({ chain, transport, mode: "hardhat" });
  const accounts = (await createWalletClient({ chain, transport }).getAddresses()).map((a) => getAddress(a));
  const wallet = (index: number): WalletClient => {
    const account = accounts[index];
    if (account === undefined) throw new Error(`the test chain has no account ${index}`);
    return createWalletClient({ chain, transport, account, pollingInterval: 50 });
  };
  const bytecode = registryBytecode();
  async function deployRegistry() {
    const hash = await wallet(0).deployContract({
      abi: imageRegistryAbi,
      bytecode,
      account: itemAt(accounts, 0),
      chain,
    });
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (!receipt.contractAddress) throw new Error("the registry deployment created no contract");
    return { registry: getAddress(receipt.contractAddress), deployedOnBlock: receipt.blockNumber };
  }
  const { registry, deployedOnBlock } = await deployRegistry();
  return {
    url,
    chain,
    publicClient,
    testClient,
    accounts,
    wallet,
    registry,
    deployedOnBlock,
    deployRegistry,
    close: () => server.close(),
  };
}

/** A real sha256 of a readable label, so a failing assertion names it. */
export function digestOf(label: string): Digest {
  return `sha256:${createHash("sha256").update(label).digest("hex")}`;
}

/** An image release as a registry push records it: an imageId and a manifestDigest. */
export function imageRelease(name: string, label: string): ReleaseInput {
  return {
    name,
    imageId: digestOf(`${label} config`),
    manifestDigest: digestOf(`${label} manifest`),
    indexDigest: null,
    archiveDigest: null,
  };
}

/** A public client on the test chain that records the JSON-RPC methods it calls, to assert query counts. */
export function countingClient(chain: TestChain): { client: PublicClient; methods: string[] } {
  const methods: string[] = [];
  const transport = http(chain.url, {
    retryCount: 0,
    onFetchRequest(_request, init) {
      const body = JSON.parse(String(init.body)) as { method: string } | { method: string }[];
      for (const call of Array.isArray(body) ? body : [body]) methods.push(call.method);
    },
  });
  return {
    client: createPublicClient({ chain: chain.chain, transport, pollingInterval: 50 }) as PublicClient,
    methods,
  };
}

export function countOf(methods: readonly string[], method: string): number {
  return methods.filter((m) => m === method).length;
}

/** An http URL on 127.0.0.1 where nothing listens (a port that was free a moment ago). */
export async function closedPortUrl(): Promise<string> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
