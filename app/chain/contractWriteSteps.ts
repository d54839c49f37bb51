// The steps every registry write takes inside runWrite: simulate the call (so a revert is known
// in words before the wallet opens), send the same call from the wallet on the registry's
// chain, and decode the result from the receipt. Typed from the generated ABI: a wrong function
// name or a wrong argument fails the type check.
import type { Account, Address, ContractFunctionArgs, ContractFunctionName, Hash, TransactionReceipt } from "viem";
import { simulateContract, writeContract } from "viem/actions";
import { imageRegistryAbi } from "./generated/imageRegistryAbi.ts";
import type { WriteClients, WriteSteps } from "./runWrite.ts";

type RegistryAbi = typeof imageRegistryAbi;
type Mutability = "nonpayable" | "payable";

/** A registry function that changes state. */
type RegistryWriteName = ContractFunctionName<RegistryAbi, Mutability>;
type RegistryWriteArgs<TName extends RegistryWriteName> = ContractFunctionArgs<RegistryAbi, Mutability, TName>;

/**
 * Works the call's arguments out when the write starts: for the account that sends it (e.g.
 * from its current nonce), or from input that may be refused (the refusal is then the write's
 * `failed` phase). `blockNumber` is set when a reverted transaction is replayed on the block it
 * met. Return the tuple `as const`: TypeScript does not read a returned array as a tuple here.
 */
type PrepareWriteArgs<TName extends RegistryWriteName> = (
  account: Account,
  blockNumber: bigint | undefined,
) => RegistryWriteArgs<TName> | Promise<RegistryWriteArgs<TName>>;

type Decode<TResult> = (receipt: TransactionReceipt) => Promise<TResult> | TResult;

/** `args`: the call's arguments, or how to work them out when the write starts. */
export function contractWriteSteps<TName extends RegistryWriteName, TResult>(
  clients: WriteClients,
  registry: Address,
  functionName: TName,
  args: RegistryWriteArgs<NoInfer<TName>> | PrepareWriteArgs<NoInfer<TName>>,
  decode: Decode<TResult>,
): WriteSteps<TResult>;
// The signature above pairs the name with its arguments; past it, viem takes any state-changing
// function with any of their arguments, which is all this body needs.
export function contractWriteSteps<TResult>(
  clients: WriteClients,
  registry: Address,
  functionName: RegistryWriteName,
  args: RegistryWriteArgs<RegistryWriteName> | PrepareWriteArgs<RegistryWriteName>,
  decode: Decode<TResult>,
): WriteSteps<TResult> {
  return {
    async simulate(account, blockNumber) {
      const callArgs = typeof args === "function" ? await args(account, blockNumber) : args;
      await simulateContract(clients.publicClient, {
        address: registry,
        abi: imageRegistryAbi,
        functionName,
        args: callArgs,
        account,
        blockNumber,
      });
      // The call that simulated, as it simulated (the wallet estimates the gas on the registry's chain).
      return (): Promise<Hash> =>
        writeContract(clients.walletClient, {
          address: registry,
          abi: imageRegistryAbi,
          functionName,
          args: callArgs,
          account,
          chain: clients.publicClient.chain,
        });
    },
    decode,
  };
}
