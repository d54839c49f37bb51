// A 2-of-3 multisig wallet (contracts/test/MultisigWallet.sol, EIP-1271) as a publisher on the local node:
// its owners sign off-chain with the helpers in helpers/multisig.ts, anyone submits.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import type { Hex } from "viem";
import { encodeFunctionData, getAddress, hashTypedData, keccak256, stringToBytes, zeroAddress } from "viem";

import { releaseDigest } from "../../app/chain/releaseTypedData.ts";
import { imageDigests, releaseInput } from "./helpers/digests.ts";
import { ownerAccounts, walletApproval, walletSignature } from "./helpers/multisig.ts";
import { blockOf, deployRegistry, NAME, releaseId } from "./helpers/registry.ts";

const RELEASE = releaseInput(NAME, imageDigests("1.4.2"));

describe("ImageRegistry with a multisig wallet publisher", async () => {
  const { viem, networkHelpers } = await network.create();
  const chainId = await (await viem.getPublicClient()).getChainId();

  async function deployedWithAWallet() {
    const fixture = await deployRegistry(viem);
    const wallet = await viem.deployContract("MultisigWallet", [ownerAccounts.map((owner) => owner.address), 2n]);
    const deadline = (await fixture.publicClient.getBlock()).timestamp + 3600n;
    const message = { publisher: wallet.address, ...RELEASE, nonce: 0n, deadline };
    const hash = releaseDigest(chainId, fixture.registry.address, message);
    return { ...fixture, wallet, deadline, hash };
  }

  /** Has the wallet call the registry, approved by its first two owners. */
  async function execute(fixture: Awaited<ReturnType<typeof deployedWithAWallet>>, data: Hex) {
    const { registry, wallet } = fixture;
    const nonce = await wallet.read.nonce();
    const approval = await walletApproval(ownerAccounts.slice(0, 2), wallet.address, chainId, {
      target: registry.address,
      data,
      nonce,
    });
    return wallet.write.execute([registry.address, data, approval]);
  }

  it("wraps a hash in the wallet's own EIP-712 message, as the owners sign it", async () => {
    const { wallet, hash } = await networkHelpers.loadFixture(deployedWithAWallet);
    const expected = hashTypedData({
      domain: { chainId, verifyingContract: wallet.address },
      types: { WalletMessage: [{ name: "hash", type: "bytes32" }] },
      primaryType: "WalletMessage",
      message: { hash },
    });
    assert.equal(await wallet.read.messageHash([hash]), expected);
    const signature = await walletSignature(ownerAccounts.slice(1), wallet.address, chainId, hash);
    assert.equal(await wallet.read.isValidSignature([hash, signature]), "0x1626ba7e");
  });

  it("publishes the wallet's release with two of its three owners' signatures, sent by anyone", async () => {
    const fixture = await networkHelpers.loadFixture(deployedWithAWallet);
    const { registry, publicClient, wallet, bob, deadline, hash } = fixture;
    const signature = await walletSignature([ownerAccounts[2], ownerAccounts[0]], wallet.address, chainId, hash);
    const args = [wallet.address, wallet.address, RELEASE, 0n, deadline, signature] as const;
    const publication = registry.write.publishBySig(args, { account: bob.account });
    await viem.assertions.emitWithArgs(publication, registry, "Published", [
      releaseId(1n, 0n),
      getAddress(wallet.address),
      keccak256(stringToBytes(NAME)),
      NAME,
      RELEASE.imageId,
      RELEASE.manifestDigest,
      RELEASE.indexDigest,
      RELEASE.archiveDigest,
    ]);
    const { blockNumber, timestamp } = await blockOf(publicClient, await publication);
    assert.deepEqual(await registry.read.getRelease([releaseId(1n, 0n)]), {
      id: releaseId(1n, 0n),
      publisher: getAddress(wallet.address),
      signer: zeroAddress,
      publishedAt: timestamp,
      revokedAt: 0n,
      blockNumber,
      valid: true,
    });
  });

  it("rejects one owner's signature alone", async () => {
    const { registry, wallet, deadline, hash } = await networkHelpers.loadFixture(deployedWithAWallet);
    const signature = await walletSignature([ownerAccounts[1]], wallet.address, chainId, hash);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publishBySig([wallet.address, wallet.address, RELEASE, 0n, deadline, signature]),
      registry,
      "ImageRegistryInvalidContractSignature",
      [getAddress(wallet.address)],
    );
  });

  it("revokes the wallet's release through a call its owners approve, cancelling the signature", async () => {
    const fixture = await networkHelpers.loadFixture(deployedWithAWallet);
    const { registry, wallet, deadline, hash } = fixture;
    const signature = await walletSignature(ownerAccounts.slice(0, 2), wallet.address, chainId, hash);
    const args = [wallet.address, wallet.address, RELEASE, 0n, deadline, signature] as const;
    await registry.write.publishBySig(args);
    const revocation = execute(
      fixture,
      encodeFunctionData({ abi: registry.abi, functionName: "revoke", args: [releaseId(1n, 0n), "withdrawn"] }),
    );
    await viem.assertions.emitWithArgs(revocation, registry, "Revoked", [
      releaseId(1n, 0n),
      getAddress(wallet.address),
      "withdrawn",
    ]);
    assert.equal((await registry.read.getRelease([releaseId(1n, 0n)])).valid, false);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publishBySig(args),
      registry,
      "ImageRegistryStaleNonce",
      [0n, 1n],
    );
  });

  it("authorises a CI key through the wallet; the key publishes within its prefix for the wallet", async () => {
    const fixture = await networkHelpers.loadFixture(deployedWithAWallet);
    const { registry, wallet, carol } = fixture;
    const expiresAt = (await fixture.publicClient.getBlock()).timestamp + 86_400n;
    await execute(
      fixture,
      encodeFunctionData({
        abi: registry.abi,
        functionName: "authorizeDelegate",
        args: [carol.account.address, "docker.io/acme/", expiresAt],
      }),
    );
    await registry.write.publishFor([wallet.address, [RELEASE]], { account: carol.account });
    const release = await registry.read.getRelease([releaseId(1n, 0n)]);
    assert.equal(release.publisher, getAddress(wallet.address));
    assert.equal(release.signer, getAddress(carol.account.address));
    assert.equal(release.valid, true);
    const outside = releaseInput("ghcr.io/acme/api:1.4.2", imageDigests("other"));
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publishFor([wallet.address, [outside]], { account: carol.account }),
      registry,
      "ImageRegistryNameOutOfScope",
      [outside.name, "docker.io/acme/"],
    );
  });
});
