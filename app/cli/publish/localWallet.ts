// The CLI's "wallet": a viem wallet client whose account is the loaded key (signing happens in
// this process; the RPC only ever sees signed transactions). Like a browser wallet, it asks
// before it signs a transaction — after the action has simulated it, so a refusal by the
// registry is known before anyone is asked.
import { createWalletClient, http, type WalletClient } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import type { WriteClients } from "../../chain/runWrite.ts";
import type { ResolvedChain } from "../verify/resolveChain.ts";

/** Thrown from the signing step when the person says no; `code` 4001 is EIP-1193's "user rejected", which toAppError knows. */
class DeclinedError extends Error {
  override readonly name = "DeclinedError";
  readonly code = 4001;
  constructor() {
    super("You declined, so nothing was sent.");
  }
}

/** Resolves true to sign and send, false to decline. */
export type ConfirmSend = () => Promise<boolean>;

function askingAccount(account: PrivateKeyAccount, confirm: ConfirmSend): PrivateKeyAccount {
  return {
    ...account,
    async signTransaction(transaction, options) {
      if (!(await confirm())) throw new DeclinedError();
      return account.signTransaction(transaction, options);
    },
  };
}

export function localWriteClients(
  resolved: ResolvedChain,
  account: PrivateKeyAccount,
  confirm: ConfirmSend = async () => true,
): WriteClients {
  const walletClient: WalletClient = createWalletClient({
    account: askingAccount(account, confirm),
    chain: resolved.chain,
    // No retry: a resent eth_sendRawTransaction that got through the first time would come back
    // "already known" / "nonce too low" and report a failure for a transaction that was sent.
    transport: http(resolved.rpcUrl, { retryCount: 0, timeout: 30_000 }),
  });
  return { publicClient: resolved.client, walletClient };
}
