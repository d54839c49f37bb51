// Test-only: a registry write straight through viem (no app action, no preflight), mined and
// checked, for arranging state an app action does not cover here (delegations, nonce jumps).
import type { Address, ContractFunctionArgs, ContractFunctionName, TransactionReceipt } from "viem";
import { itemAt } from "../../image/util/itemAt.ts";
import { imageRegistryAbi } from "../generated/imageRegistryAbi.ts";
import type { TestChain } from "./testChain.ts";

type RegistryAbi = typeof imageRegistryAbi;
type WriteName = ContractFunctionName<RegistryAbi, "nonpayable">;

export async function writeRegistry<N extends WriteName>(
  chain: TestChain,
  account: number,
  functionName: N,
  args: ContractFunctionArgs<RegistryAbi, "nonpayable", N>,
  registry: Address = chain.registry,
): Promise<TransactionReceipt> {
  const wallet = chain.wallet(account);
  const hash = await wallet.writeContract({
    address: registry,
    abi: imageRegistryAbi,
    functionName,
    args,
    account: itemAt(chain.accounts, account),
    chain: chain.chain,
  } as never);
  const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
  if (receipt.status !== "success") throw new Error(`${functionName} reverted in block ${receipt.blockNumber}`);
  return receipt;
}
