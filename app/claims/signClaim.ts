// Signs a claim with a key the publisher holds: a local account (the CLI's key) or a wallet
// client (the page's connected wallet). A contract account (a multisig) signs through its owners
// over the claim's EIP-712 digest (viem's hashTypedData of claimTypedData) instead, and the
// result is a SignedClaim all the same.
import { type Address, getAddress, type LocalAccount, type WalletClient } from "viem";
import { NoAccountError } from "../chain/errors.ts";
import type { SignedClaim } from "./claimDocument.ts";
import { claimTypedData } from "./claimTypedData.ts";

type ClaimSigner = LocalAccount | WalletClient;

interface ClaimTarget {
  chainId: number;
  registry: Address;
  /** The claim's scope: a repository "ghcr.io/acme/api" or a host "acme.com" (ClaimLocation.scope). */
  scope: string;
}

function isWalletClient(signer: ClaimSigner): signer is WalletClient {
  return "transport" in signer;
}

/** The signer's claim of `target.scope`, as its own publisher (the address that signs is the publisher). */
export async function signClaim(signer: ClaimSigner, target: ClaimTarget): Promise<SignedClaim> {
  const registry = getAddress(target.registry);
  if (!isWalletClient(signer)) {
    const publisher = getAddress(signer.address);
    const signature = await signer.signTypedData(claimTypedData(target.chainId, registry, publisher, target.scope));
    return { publisher, scope: target.scope, chainId: target.chainId, registry, signature };
  }
  const account = signer.account;
  if (account === undefined) throw new NoAccountError();
  const publisher = getAddress(account.address);
  const signature = await signer.signTypedData({
    account,
    ...claimTypedData(target.chainId, registry, publisher, target.scope),
  });
  return { publisher, scope: target.scope, chainId: target.chainId, registry, signature };
}
