// Signing for contracts/test/MultisigWallet.sol: what its owners sign (EIP-712 over the wallet's own
// domain, so an approval binds one wallet on one chain) and how their signatures are packed (65 bytes
// each, by ascending owner address). Recomputed here so the tests check the wallet, not echo it.

import type { Address, Hex, LocalAccount } from "viem";
import { concat, hexToBigInt } from "viem";
import { privateKeyToAccount } from "viem/accounts";

/** Three fixed owner keys (sha256 of "imageseal multisig owner N"), so a failing run can be replayed exactly. */
export const ownerAccounts = [
  privateKeyToAccount("0x3b3c9a6bdf5908321eb46edf208b89d589c3cb690409e74bb874bd632a2e3ae3"),
  privateKeyToAccount("0x1e14e76f1f9edd6c9b004be708d384e4daa7b6d63a3390bb6476cc4ad5765daa"),
  privateKeyToAccount("0xf71fef451c5bb9d9c404af69a52703b6c3124594acd2542c83daf408a679ab67"),
] as const;

function walletDomain(wallet: Address, chainId: number) {
  return { chainId, verifyingContract: wallet } as const;
}

/** The message owners sign to make `hash` the wallet's EIP-1271 signature (MultisigWallet.messageHash). */
function signWalletMessage(owner: LocalAccount, wallet: Address, chainId: number, hash: Hex): Promise<Hex> {
  return owner.signTypedData({
    domain: walletDomain(wallet, chainId),
    types: { WalletMessage: [{ name: "hash", type: "bytes32" }] },
    primaryType: "WalletMessage",
    message: { hash },
  });
}

/** The approval owners sign for MultisigWallet.execute(target, data) at the wallet's `nonce`. */
function signWalletExecute(
  owner: LocalAccount,
  wallet: Address,
  chainId: number,
  call: { target: Address; data: Hex; nonce: bigint },
): Promise<Hex> {
  return owner.signTypedData({
    domain: walletDomain(wallet, chainId),
    types: {
      WalletExecute: [
        { name: "target", type: "address" },
        { name: "data", type: "bytes" },
        { name: "nonce", type: "uint256" },
      ],
    },
    primaryType: "WalletExecute",
    message: call,
  });
}

/** Owners in the order the wallet requires their signatures: ascending address. */
function byAddress<T extends { address: Address }>(owners: readonly T[]): T[] {
  return [...owners].sort((a, b) => {
    const left = hexToBigInt(a.address);
    const right = hexToBigInt(b.address);
    return left < right ? -1 : left > right ? 1 : 0;
  });
}

/** The wallet's signature for `hash`: each owner's signature, ascending by owner address, concatenated. */
export async function walletSignature(
  owners: readonly LocalAccount[],
  wallet: Address,
  chainId: number,
  hash: Hex,
): Promise<Hex> {
  const signatures = await Promise.all(
    byAddress(owners).map((owner) => signWalletMessage(owner, wallet, chainId, hash)),
  );
  return concat(signatures);
}

/** The owners' approval of one execute call, packed as the wallet requires. */
export async function walletApproval(
  owners: readonly LocalAccount[],
  wallet: Address,
  chainId: number,
  call: { target: Address; data: Hex; nonce: bigint },
): Promise<Hex> {
  const signatures = await Promise.all(
    byAddress(owners).map((owner) => signWalletExecute(owner, wallet, chainId, call)),
  );
  return concat(signatures);
}
