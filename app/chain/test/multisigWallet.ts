// Test-only: contracts/test/MultisigWallet.sol on the test chain, an M-of-N owner check behind
// EIP-1271 as an organisation's Safe has. Owners sign the digest the wallet itself names
// (its messageHash / executeHash views); the wallet's signature is their 65-byte signatures
// concatenated by ascending owner address.
import { readFileSync } from "node:fs";
import { type Abi, type Address, concat, getAddress, type Hex, hexToBigInt, type LocalAccount } from "viem";
import { itemAt } from "../../image/util/itemAt.ts";
import type { TestChain } from "./testChain.ts";

const ARTIFACT = new URL("../../../artifacts/contracts/test/MultisigWallet.sol/MultisigWallet.json", import.meta.url);

function artifact(): { abi: Abi; bytecode: Hex } {
  try {
    return JSON.parse(readFileSync(ARTIFACT, "utf8")) as { abi: Abi; bytecode: Hex };
  } catch (error) {
    throw new Error(`No MultisigWallet artifact: run \`npx hardhat build\` first (${(error as Error).message})`);
  }
}

export async function deployMultisigWallet(
  chain: TestChain,
  owners: readonly Address[],
  threshold: bigint,
): Promise<Address> {
  const { abi, bytecode } = artifact();
  const hash = await chain.wallet(0).deployContract({
    abi,
    bytecode,
    args: [owners, threshold],
    account: itemAt(chain.accounts, 0),
    chain: chain.chain,
  });
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
  if (!receipt.contractAddress) throw new Error("the wallet deployment created no contract");
  return getAddress(receipt.contractAddress);
}

/** Owners' signatures of `digest`, ordered by ascending owner address and concatenated, as the wallet reads them. */
async function packed(owners: readonly LocalAccount[], digest: Hex): Promise<Hex> {
  const ascending = [...owners].sort((a, b) => (hexToBigInt(a.address) < hexToBigInt(b.address) ? -1 : 1));
  return concat(
    await Promise.all(ascending.map((owner) => (owner.sign as NonNullable<LocalAccount["sign"]>)({ hash: digest }))),
  );
}

/** The wallet's EIP-1271 signature of `hash` by these owners (enough of them or not: the wallet decides). */
export async function multisigSignature(
  chain: TestChain,
  wallet: Address,
  hash: Hex,
  owners: readonly LocalAccount[],
): Promise<Hex> {
  const { abi } = artifact();
  const digest = (await chain.publicClient.readContract({
    address: wallet,
    abi,
    functionName: "messageHash",
    args: [hash],
  })) as Hex;
  return packed(owners, digest);
}

/** Has the wallet make a call its owners approved (execute), mined. */
export async function multisigExecute(
  chain: TestChain,
  wallet: Address,
  target: Address,
  data: Hex,
  owners: readonly LocalAccount[],
): Promise<void> {
  const { abi } = artifact();
  const nonce = (await chain.publicClient.readContract({ address: wallet, abi, functionName: "nonce" })) as bigint;
  const digest = (await chain.publicClient.readContract({
    address: wallet,
    abi,
    functionName: "executeHash",
    args: [target, data, nonce],
  })) as Hex;
  const hash = await chain.wallet(0).writeContract({
    address: wallet,
    abi,
    functionName: "execute",
    args: [target, data, await packed(owners, digest)],
    account: itemAt(chain.accounts, 0),
    chain: chain.chain,
  });
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`the wallet's execute reverted in block ${receipt.blockNumber}`);
}
