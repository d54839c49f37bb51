// Writes straight to the contract from a dev key, as an attacker would: no page, none of the
// page's checks before signing. Only the contract's own rules apply.
import { createPublicClient, createWalletClient, defineChain, type Hex, http, parseEventLogs } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { digestToBytes32 } from "../../app/chain/digests.ts";
import { imageRegistryAbi } from "../../app/chain/generated/imageRegistryAbi.ts";
import type { Digest } from "../../app/image/digest.ts";
import { stack } from "./stack.ts";

function clients(privateKey: Hex) {
  const chain = defineChain({
    id: stack.chainId,
    name: "Local",
    nativeCurrency: { name: "Ether", symbol: "ETH", decimals: 18 },
    rpcUrls: { default: { http: [stack.rpcUrl] } },
  });
  return {
    wallet: createWalletClient({ account: privateKeyToAccount(privateKey), chain, transport: http(stack.rpcUrl) }),
    reader: createPublicClient({ chain, transport: http(stack.rpcUrl) }),
  };
}

/** Publishes a release of a plain file (named by its sha256 only); returns the release id. */
export async function publishFileRelease(privateKey: Hex, name: string, archiveDigest: Digest): Promise<bigint> {
  const { wallet, reader } = clients(privateKey);
  const none = digestToBytes32(null);
  const hash = await wallet.writeContract({
    address: stack.registry,
    abi: imageRegistryAbi,
    functionName: "publish",
    args: [name, none, none, none, digestToBytes32(archiveDigest)],
  });
  const receipt = await reader.waitForTransactionReceipt({ hash });
  const [published] = parseEventLogs({ abi: imageRegistryAbi, eventName: "Published", logs: receipt.logs });
  if (published === undefined) throw new Error(`test setup: transaction ${hash} published nothing`);
  return published.args.id;
}

export async function revokeRelease(privateKey: Hex, id: bigint, reason: string): Promise<void> {
  const { wallet, reader } = clients(privateKey);
  const hash = await wallet.writeContract({
    address: stack.registry,
    abi: imageRegistryAbi,
    functionName: "revoke",
    args: [id, reason],
  });
  await reader.waitForTransactionReceipt({ hash });
}

/** Publishes releases naming an image ID in one transaction (publishBatch), under the names given; returns their ids. */
export async function publishImageReleases(privateKey: Hex, imageId: Digest, names: string[]): Promise<bigint[]> {
  const { wallet, reader } = clients(privateKey);
  const none = digestToBytes32(null);
  const releases = names.map((name) => ({
    name,
    imageId: digestToBytes32(imageId),
    manifestDigest: none,
    indexDigest: none,
    archiveDigest: none,
  }));
  const hash = await wallet.writeContract({
    address: stack.registry,
    abi: imageRegistryAbi,
    functionName: "publishBatch",
    args: [releases],
  });
  const receipt = await reader.waitForTransactionReceipt({ hash });
  return parseEventLogs({ abi: imageRegistryAbi, eventName: "Published", logs: receipt.logs }).map(
    (log) => log.args.id,
  );
}
