// A chain whose registry cannot answer claimsOf (deployed before claims, or an RPC failing the
// call) does not stop a verification: no claims, one note, nothing trusted through them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { type Address, createPublicClient, custom } from "viem";
import type { ReadClient } from "../../chain/readClient.ts";
import type { RegistryClient } from "../../registry/client.ts";
import type { ResolvedChain } from "../verify/resolveChain.ts";
import { cliClaimChecker } from "./cliClaimChecker.ts";

const REGISTRY: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";
const PUBLISHER: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const chain = {
  id: 31337,
  name: "Hardhat",
  nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
  rpcUrls: { default: { http: ["http://127.0.0.1:1"] } },
};

function resolvedWith(request: (args: { method: string }) => Promise<unknown>): ResolvedChain {
  const client = createPublicClient({ chain, transport: custom({ request }, { retryCount: 0 }) }) as ReadClient;
  return { client, chain, rpcUrl: "http://127.0.0.1:1", registry: { registry: REGISTRY, deployedOnBlock: 0n } };
}
const noRegistryClient = (): RegistryClient => assert.fail("no claim to fetch");

test("a registry without claimsOf (the call reverts): no claims, and the note is said once", async () => {
  const notes: string[] = [];
  const reverting = resolvedWith(async ({ method }) => {
    if (method === "eth_call") throw Object.assign(new Error("execution reverted"), { code: 3, data: "0x" });
    throw new Error(`unexpected ${method}`);
  });
  const check = cliClaimChecker(reverting, noRegistryClient, (line) => notes.push(line));
  assert.deepEqual(await check(PUBLISHER), []);
  assert.deepEqual(await check(PUBLISHER), []);
  assert.equal(notes.length, 1);
  assert.match(
    notes[0] ?? "",
    /^publishers' claims cannot be read from the registry \(.+\); verifying without them: --namespace grants nothing\.$/,
  );
});

test("a publisher with no claims recorded: no checks, no note", async () => {
  const notes: string[] = [];
  // claimsOf → an empty Claim[]: offset 0x20, length 0.
  const empty = `0x${"20".padStart(64, "0")}${"0".padStart(64, "0")}`;
  const answering = resolvedWith(async ({ method }) =>
    method === "eth_call" ? empty : assert.fail(`unexpected ${method}`),
  );
  assert.deepEqual(await cliClaimChecker(answering, noRegistryClient, (line) => notes.push(line))(PUBLISHER), []);
  assert.deepEqual(notes, []);
});
