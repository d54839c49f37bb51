import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { closedPortUrl } from "../../chain/test/testChain.ts";
import { ChainInputError, resolveChain } from "./resolveChain.ts";

const IGNITION_ADDRESS = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const OTHER = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";

describe("resolveChain", () => {
  const withDeployment = mkdtempSync(join(tmpdir(), "imageseal-root-"));
  const empty = mkdtempSync(join(tmpdir(), "imageseal-root-"));
  after(() => {
    for (const dir of [withDeployment, empty]) rmSync(dir, { recursive: true, force: true });
  });
  const dir = join(withDeployment, "contracts", "ignition", "deployments", "chain-31337");
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, "deployed_addresses.json"),
    JSON.stringify({ "ImageRegistryModule#ImageRegistry": IGNITION_ADDRESS.toLowerCase() }),
  );

  async function rejection(promise: Promise<unknown>): Promise<string> {
    const error = await promise.then(
      () => assert.fail("expected a rejection"),
      (e: unknown) => e,
    );
    assert.ok(error instanceof ChainInputError, String(error));
    return error.message;
  }

  test("localhost: 127.0.0.1:8545 and the address Ignition recorded", async () => {
    const resolved = await resolveChain("localhost", undefined, { projectRoot: withDeployment, env: {} });
    assert.deepEqual(
      [resolved.rpcUrl, resolved.chain.id, resolved.registry],
      ["http://127.0.0.1:8545", 31337, { registry: IGNITION_ADDRESS, deployedOnBlock: 0n }],
    );
  });

  test("localhost: the environment npm start sets wins over Ignition's file; --registry wins over both", async () => {
    const env = {
      VITE_LOCAL_RPC_URL: "http://127.0.0.1:9545",
      VITE_LOCAL_REGISTRY_ADDRESS: OTHER,
      VITE_LOCAL_REGISTRY_BLOCK: "7",
    };
    const fromEnv = await resolveChain("localhost", undefined, { projectRoot: withDeployment, env });
    assert.deepEqual(
      [fromEnv.rpcUrl, fromEnv.registry],
      ["http://127.0.0.1:9545", { registry: OTHER, deployedOnBlock: 7n }],
    );
    const explicit = await resolveChain("localhost", IGNITION_ADDRESS.toLowerCase(), { projectRoot: empty, env });
    assert.deepEqual(explicit.registry, { registry: IGNITION_ADDRESS, deployedOnBlock: 0n });
  });

  test("localhost without any deployment says how to get one", async () => {
    assert.match(
      await rejection(resolveChain("localhost", undefined, { projectRoot: empty, env: {} })),
      /run `npm start`.*or pass --registry/,
    );
  });

  test("chain names: known to viem but without a deployment need an RPC URL and --registry; with --registry they use the chain's RPC", async () => {
    assert.match(
      await rejection(resolveChain("base-sepolia", undefined, { projectRoot: empty, env: {} })),
      /^No ImageRegistry deployment is known on Base Sepolia/,
    );
    assert.match(
      await rejection(resolveChain("11155111", undefined, { projectRoot: empty, env: {} })),
      /known on Sepolia/,
    );
    assert.match(
      await rejection(resolveChain("hardhat", undefined, { projectRoot: empty, env: {} })),
      /is `--chain localhost`/,
    );
    const sepolia = await resolveChain("Sepolia", OTHER, {
      projectRoot: empty,
      env: { VITE_RPC_URL_11155111: "https://rpc.example/sepolia" },
    });
    assert.deepEqual(
      [sepolia.chain.id, sepolia.rpcUrl, sepolia.registry.registry],
      [11155111, "https://rpc.example/sepolia", OTHER],
    );
    assert.match(
      await rejection(resolveChain("atlantis", undefined, { projectRoot: empty, env: {} })),
      /^Unknown chain "atlantis"\. Use localhost, an RPC URL, or one of: .*sepolia/,
    );
  });

  test("bad input: a registry that is not an address, an environment that does not validate, an RPC URL that does not answer", async () => {
    assert.match(
      await rejection(resolveChain("localhost", "0xnope", { projectRoot: empty, env: {} })),
      /--registry is not an address: "0xnope"/,
    );
    assert.match(
      await rejection(
        resolveChain("localhost", undefined, { projectRoot: empty, env: { VITE_LOCAL_RPC_URL: "ftp://x" } }),
      ),
      /VITE_LOCAL_RPC_URL must be an http\(s\) URL/,
    );
    const closed = await closedPortUrl();
    assert.match(
      await rejection(resolveChain(closed, OTHER, { projectRoot: empty, env: {} })),
      new RegExp(`^The chain's RPC endpoint ${closed}/? did not answer \\(connect ECONNREFUSED`),
    );
  });

  test("an RPC URL of the local chain (chain id 31337) finds npm start's deployment, as localhost does; another chain still needs --registry", async () => {
    // A node that answers eth_chainId only: enough for resolveChain, which asks nothing else.
    const node = async (chainId: number) => {
      const server = createServer((request, response) => {
        let body = "";
        request.on("data", (chunk: Buffer) => (body += chunk.toString()));
        request.on("end", () => {
          const { id } = JSON.parse(body) as { id: number };
          response.setHeader("content-type", "application/json");
          response.end(JSON.stringify({ jsonrpc: "2.0", id, result: `0x${chainId.toString(16)}` }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        close: () => new Promise((resolve) => server.close(resolve)),
      };
    };
    const local = await node(31337);
    const other = await node(424242);
    try {
      const resolved = await resolveChain(local.url, undefined, { projectRoot: withDeployment, env: {} });
      assert.deepEqual(
        [resolved.rpcUrl, resolved.chain.id, resolved.registry.registry],
        [local.url, 31337, IGNITION_ADDRESS],
      );
      const fromEnv = await resolveChain(local.url, undefined, {
        projectRoot: withDeployment,
        env: { VITE_LOCAL_REGISTRY_ADDRESS: OTHER, VITE_LOCAL_REGISTRY_BLOCK: "3" },
      });
      assert.equal(fromEnv.registry.registry, OTHER);
      assert.match(
        await rejection(resolveChain(local.url, undefined, { projectRoot: empty, env: {} })),
        /^No ImageRegistry deployment is known on chain 31337: pass --registry <address>\./,
      );
      assert.match(
        await rejection(resolveChain(other.url, undefined, { projectRoot: withDeployment, env: {} })),
        /^No ImageRegistry deployment is known on chain 424242/,
      );
    } finally {
      await Promise.all([local.close(), other.close()]);
    }
  });
});
