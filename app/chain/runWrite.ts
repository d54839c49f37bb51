// The one path every write takes: check the wallet's chain and the registry, simulate (so a
// revert is known in words before the wallet opens), ask the wallet, wait for the receipt.
// Each step is reported as a phase, so a page can show "check your wallet", "pending" with a
// link, then the outcome; the same AppError that rejects the promise ends in `failed`.
import type { Account, Address, Hash, TransactionReceipt, WalletClient } from "viem";
import { getChainId, getCode, waitForTransactionReceipt } from "viem/actions";
import { chainIdOf } from "./chainIdOf.ts";
import {
  type AppError,
  ContractRevertError,
  type ErrorContext,
  NoAccountError,
  RegistryMissingError,
  toAppError,
  WrongChainError,
} from "./errors.ts";
import type { ReadClient } from "./readClient.ts";

/** The clients a write needs: the wallet signs and sends, the public client simulates and waits. */
export interface WriteClients {
  publicClient: ReadClient;
  walletClient: WalletClient;
}

export type WriteOutcome<TResult> = TResult & { transactionHash: Hash; receipt: TransactionReceipt };

export type WritePhase<TResult> =
  | { status: "simulating" }
  | { status: "awaiting-signature" }
  | { status: "pending"; transactionHash: Hash }
  | ({ status: "confirmed" } & WriteOutcome<TResult>)
  | { status: "failed"; error: AppError; transactionHash: Hash | null };

export interface WriteOptions<TResult> {
  onPhase?: (phase: WritePhase<TResult>) => void;
  /** Blocks to wait for after inclusion (default 1). */
  confirmations?: number;
}

export interface WriteSteps<TResult> {
  /** Simulates the call (at `blockNumber` when replaying a reverted transaction) and returns how to send it. */
  simulate(account: Account, blockNumber?: bigint): Promise<() => Promise<Hash>>;
  /** The result, from the confirmed receipt. */
  decode(receipt: TransactionReceipt): Promise<TResult> | TResult;
}

/** The wallet's account, after checking that the wallet is on the registry's chain and the registry exists. */
export async function preflight(
  { publicClient, walletClient }: WriteClients,
  registry: Address,
): Promise<{ account: Account; chainId: number }> {
  const account = walletClient.account;
  if (account === undefined) throw new NoAccountError();
  const [expected, actual, code] = await Promise.all([
    chainIdOf(publicClient),
    getChainId(walletClient),
    getCode(publicClient, { address: registry }),
  ]);
  if (expected !== actual) throw new WrongChainError(expected, actual);
  if (code === undefined || code === "0x") throw new RegistryMissingError(registry, expected);
  return { account, chainId: expected };
}

export async function runWrite<TResult>(
  clients: WriteClients,
  registry: Address,
  steps: WriteSteps<TResult>,
  options: WriteOptions<TResult> = {},
  context: ErrorContext = {},
): Promise<WriteOutcome<TResult>> {
  const report = options.onPhase ?? (() => {});
  let transactionHash: Hash | null = null;
  const errorContext: ErrorContext = { ...context, registry, chainId: clients.publicClient.chain?.id };
  try {
    report({ status: "simulating" });
    const { account } = await preflight(clients, registry);
    const send = await steps.simulate(account);
    report({ status: "awaiting-signature" });
    transactionHash = await send();
    report({ status: "pending", transactionHash });
    const receipt = await waitForTransactionReceipt(clients.publicClient, {
      hash: transactionHash,
      confirmations: options.confirmations ?? 1,
    });
    if (receipt.status === "reverted") {
      // Usually another transaction got in first (e.g. the same release): replaying the call
      // on the state it met tells which error it hit.
      const why = await steps.simulate(account, receipt.blockNumber).then(
        () =>
          new ContractRevertError(
            null,
            "The transaction was included but reverted, and replaying it does not say why. Try again.",
          ),
        (error: unknown) => toAppError(error, errorContext),
      );
      throw why;
    }
    const outcome = { ...(await steps.decode(receipt)), transactionHash, receipt } as WriteOutcome<TResult>;
    report({ status: "confirmed", ...outcome });
    return outcome;
  } catch (thrown) {
    const error = toAppError(thrown, errorContext);
    report({ status: "failed", error, transactionHash });
    throw error;
  }
}
