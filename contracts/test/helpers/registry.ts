// Shared deployment for the ImageRegistry node:test suites. Each suite wraps deployRegistry in a named
// function and passes it to networkHelpers.loadFixture, so the chain is reset from a snapshot, not redeployed.
import type { HardhatViemHelpers } from "@nomicfoundation/hardhat-viem/types";
import type { Hex } from "viem";
import { getAddress, parseEventLogs } from "viem";

export const NAME = "docker.io/acme/api:1.4.2";

export async function deployRegistry(viem: HardhatViemHelpers) {
  const registry = await viem.deployContract("ImageRegistry");
  const publicClient = await viem.getPublicClient();
  const [alice, bob, carol] = await viem.getWalletClients();
  if (alice === undefined || bob === undefined || carol === undefined) {
    throw new Error("the test network must expose at least three accounts");
  }
  return {
    registry,
    publicClient,
    alice,
    bob,
    carol,
    aliceAddress: getAddress(alice.account.address),
    bobAddress: getAddress(bob.account.address),
  };
}

type RegistryFixture = Awaited<ReturnType<typeof deployRegistry>>;
type Registry = RegistryFixture["registry"];
type PublicClient = RegistryFixture["publicClient"];

/** Release ids are `(publisherNumber << 32) | sequence` (see IImageRegistry.publish). */
export function releaseId(publisherNumber: bigint, sequence: bigint): bigint {
  return (publisherNumber << 32n) | sequence;
}

/** Waits for the transaction and returns the id of every release its Published logs announce. */
export async function publishedIds(publicClient: PublicClient, registry: Registry, hash: Hex): Promise<bigint[]> {
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  const logs = parseEventLogs({ abi: registry.abi, logs: receipt.logs, eventName: "Published" });
  return logs.map((log) => log.args.id);
}

/** The block a transaction landed in: its number and timestamp are what a release records. */
export async function blockOf(publicClient: PublicClient, hash: Hex) {
  const receipt = await publicClient.waitForTransactionReceipt({ hash });
  const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
  return { blockNumber: block.number, timestamp: block.timestamp };
}
