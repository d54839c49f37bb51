import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import type { Address, Hex } from "viem";
import { keccak256, recoverAddress, stringToBytes } from "viem";
import type { ReleaseMessage } from "../../app/chain/releaseTypedData.ts";
import { releaseDigest, releaseTypedData } from "../../app/chain/releaseTypedData.ts";
import { imageDigests, releaseInput } from "./helpers/digests.ts";
import { deployRegistry, NAME, publishedIds, releaseId } from "./helpers/registry.ts";
import { malleate, publisherAccount, strangerAccount, withV } from "./helpers/signatures.ts";

const RELEASE = releaseInput(NAME, imageDigests("1.4.2"));
type Release = typeof RELEASE;

/** publishBySig's arguments for the publisher's own release (signer = publisher) at nonce 0. */
function ownRelease(release: Release, deadline: bigint, signature: Hex) {
  const publisher = publisherAccount.address;
  return [publisher, publisher, release, 0n, deadline, signature] as const;
}

describe("ImageRegistry publishBySig", async () => {
  const { viem, networkHelpers } = await network.create();
  const chainId = await (await viem.getPublicClient()).getChainId();

  async function deployedWithASignature() {
    const fixture = await deployRegistry(viem);
    const otherRegistry = await viem.deployContract("ImageRegistry");
    const deadline = (await fixture.publicClient.getBlock()).timestamp + 3600n;
    const message: ReleaseMessage = { publisher: publisherAccount.address, ...RELEASE, nonce: 0n, deadline };
    const typedData = releaseTypedData(chainId, fixture.registry.address, message);
    const signature = await publisherAccount.signTypedData(typedData);
    return { ...fixture, otherRegistry, deadline, message, signature };
  }

  /** The address a signature recovers to for the typed data a registry will check. */
  async function signerSeenBy(registry: Address, message: ReleaseMessage, signature: Hex, onChain = chainId) {
    return recoverAddress({ hash: releaseDigest(onChain, registry, message), signature });
  }

  it("records the signer's release, sent and paid for by someone else", async () => {
    const { registry, publicClient, bob, deadline, signature } =
      await networkHelpers.loadFixture(deployedWithASignature);
    const publication = registry.write.publishBySig(ownRelease(RELEASE, deadline, signature), { account: bob.account });
    await viem.assertions.emitWithArgs(publication, registry, "Published", [
      releaseId(1n, 0n),
      publisherAccount.address,
      keccak256(stringToBytes(NAME)),
      NAME,
      RELEASE.imageId,
      RELEASE.manifestDigest,
      RELEASE.indexDigest,
      RELEASE.archiveDigest,
    ]);
    assert.deepEqual(await publishedIds(publicClient, registry, await publication), [releaseId(1n, 0n)]);
    assert.equal((await registry.read.getRelease([releaseId(1n, 0n)])).publisher, publisherAccount.address);
    // A signature does not use its nonce up: only a revocation or invalidateNonces moves it.
    assert.equal(await registry.read.nonces([publisherAccount.address]), 0n);
  });

  it("rejects the same signature again while its release is valid, naming that release", async () => {
    const { registry, deadline, signature } = await networkHelpers.loadFixture(deployedWithASignature);
    const args = ownRelease(RELEASE, deadline, signature);
    await registry.write.publishBySig(args);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publishBySig(args),
      registry,
      "ImageRegistryAlreadyPublished",
      [releaseId(1n, 0n)],
    );
  });

  it("rejects the same signature after the publisher revoked a release: the nonce moved on", async () => {
    const { registry, alice, deadline, signature } = await networkHelpers.loadFixture(deployedWithASignature);
    const args = ownRelease(RELEASE, deadline, signature);
    await registry.write.publishBySig(args);
    // The publisher's key signs its own revocation transaction (it needs gas for that one).
    await alice.sendTransaction({ to: publisherAccount.address, value: 10n ** 18n });
    await registry.write.revoke([releaseId(1n, 0n), "withdrawn"], { account: publisherAccount });
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publishBySig(args),
      registry,
      "ImageRegistryStaleNonce",
      [0n, 1n],
    );
  });

  it("records a release signed by a delegate key for its publisher, and the key as its signer", async () => {
    const fixture = await networkHelpers.loadFixture(deployedWithASignature);
    const { registry, publicClient, alice, aliceAddress, bob } = fixture;
    const now = (await publicClient.getBlock()).timestamp;
    await registry.write.authorizeDelegate([strangerAccount.address, "docker.io/acme/", now + 86_400n], {
      account: alice.account,
    });
    const message: ReleaseMessage = { publisher: aliceAddress, ...RELEASE, nonce: 0n, deadline: now + 3600n };
    const signature = await strangerAccount.signTypedData(releaseTypedData(chainId, registry.address, message));
    const args = [aliceAddress, strangerAccount.address, RELEASE, 0n, message.deadline, signature] as const;
    const hash = await registry.write.publishBySig(args, { account: bob.account });
    assert.deepEqual(await publishedIds(publicClient, registry, hash), [releaseId(1n, 0n)]);
    const release = await registry.read.getRelease([releaseId(1n, 0n)]);
    assert.deepEqual([release.publisher, release.signer, release.valid], [aliceAddress, strangerAccount.address, true]);
  });

  it("rejects a signature whose nonce the publisher invalidated", async () => {
    const { registry, publicClient, alice, aliceAddress } = await networkHelpers.loadFixture(deployedWithASignature);
    const deadline = (await publicClient.getBlock()).timestamp + 3600n;
    const message: ReleaseMessage = { publisher: aliceAddress, ...RELEASE, nonce: 0n, deadline };
    const signature = await alice.signTypedData(releaseTypedData(chainId, registry.address, message));
    await viem.assertions.emitWithArgs(
      registry.write.invalidateNonces([4n], { account: alice.account }),
      registry,
      "NoncesInvalidated",
      [aliceAddress, 4n],
    );
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publishBySig([aliceAddress, aliceAddress, RELEASE, 0n, deadline, signature]),
      registry,
      "ImageRegistryStaleNonce",
      [0n, 4n],
    );
  });

  it("rejects a signature made for another chain", async () => {
    const { registry, deadline, message } = await networkHelpers.loadFixture(deployedWithASignature);
    const signature = await publisherAccount.signTypedData(releaseTypedData(1, registry.address, message));
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publishBySig(ownRelease(RELEASE, deadline, signature)),
      registry,
      "ImageRegistryInvalidSigner",
      [await signerSeenBy(registry.address, message, signature), publisherAccount.address],
    );
  });

  it("rejects a signature made for another registry", async () => {
    const { otherRegistry, deadline, message, signature } = await networkHelpers.loadFixture(deployedWithASignature);
    await viem.assertions.revertWithCustomErrorWithArgs(
      otherRegistry.write.publishBySig(ownRelease(RELEASE, deadline, signature)),
      otherRegistry,
      "ImageRegistryInvalidSigner",
      [await signerSeenBy(otherRegistry.address, message, signature), publisherAccount.address],
    );
  });

  it("rejects a signature for other release fields", async () => {
    const { registry, deadline, message, signature } = await networkHelpers.loadFixture(deployedWithASignature);
    const otherName = { ...RELEASE, name: "docker.io/acme/api:latest" };
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publishBySig(ownRelease(otherName, deadline, signature)),
      registry,
      "ImageRegistryInvalidSigner",
      [await signerSeenBy(registry.address, { ...message, ...otherName }, signature), publisherAccount.address],
    );
  });

  it("rejects a signature after its deadline", async () => {
    const { registry, deadline, signature } = await networkHelpers.loadFixture(deployedWithASignature);
    await networkHelpers.time.setNextBlockTimestamp(deadline + 1n);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publishBySig(ownRelease(RELEASE, deadline, signature)),
      registry,
      "ImageRegistryExpiredSignature",
      [deadline],
    );
  });

  it("rejects a signature by a key other than the publisher's", async () => {
    const { registry, deadline, message } = await networkHelpers.loadFixture(deployedWithASignature);
    const signature = await strangerAccount.signTypedData(releaseTypedData(chainId, registry.address, message));
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publishBySig(ownRelease(RELEASE, deadline, signature)),
      registry,
      "ImageRegistryInvalidSigner",
      [strangerAccount.address, publisherAccount.address],
    );
  });

  it("rejects the malleated twin of a valid signature (high s)", async () => {
    const { registry, deadline, message, signature } = await networkHelpers.loadFixture(deployedWithASignature);
    const twin = malleate(signature);
    // The twin is a valid signature of the same key: only the low-s rule rejects it.
    assert.equal(await signerSeenBy(registry.address, message, twin.signature), publisherAccount.address);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publishBySig(ownRelease(RELEASE, deadline, twin.signature)),
      registry,
      "ImageRegistryInvalidSignatureS",
      [twin.s],
    );
  });

  for (const v of [0, 1, 29]) {
    it(`rejects v = ${v}`, async () => {
      const { registry, deadline, signature } = await networkHelpers.loadFixture(deployedWithASignature);
      await viem.assertions.revertWithCustomErrorWithArgs(
        registry.write.publishBySig(ownRelease(RELEASE, deadline, withV(signature, v))),
        registry,
        "ImageRegistryInvalidSignatureV",
        [v],
      );
    });
  }

  it("rejects a signature that is not 65 bytes", async () => {
    const { registry, deadline, signature } = await networkHelpers.loadFixture(deployedWithASignature);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publishBySig(ownRelease(RELEASE, deadline, signature.slice(0, 130) as Hex)),
      registry,
      "ImageRegistryInvalidSignatureLength",
      [64n],
    );
  });

  it("checks the release like publish does", async () => {
    const { registry, deadline } = await networkHelpers.loadFixture(deployedWithASignature);
    const message: ReleaseMessage = { ...RELEASE, publisher: publisherAccount.address, name: "", nonce: 0n, deadline };
    const signature = await publisherAccount.signTypedData(releaseTypedData(chainId, registry.address, message));
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publishBySig(ownRelease({ ...RELEASE, name: "" }, deadline, signature)),
      registry,
      "ImageRegistryEmptyName",
      [],
    );
  });
});
