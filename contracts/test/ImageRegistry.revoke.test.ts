import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { zeroAddress } from "viem";

import { imageDigests } from "./helpers/digests.ts";
import { blockOf, deployRegistry, NAME, releaseId } from "./helpers/registry.ts";

describe("ImageRegistry revoke", async () => {
  const { viem, networkHelpers } = await network.create();
  const ID = releaseId(1n, 0n);

  async function publishedByAlice() {
    const fixture = await deployRegistry(viem);
    const hash = await fixture.registry.write.publish([NAME, ...imageDigests("1.4.2")], {
      account: fixture.alice.account,
    });
    return { ...fixture, published: await blockOf(fixture.publicClient, hash) };
  }

  it("marks the release revoked at the block's time and emits Revoked with the reason", async () => {
    const { registry, publicClient, alice, aliceAddress, published } =
      await networkHelpers.loadFixture(publishedByAlice);
    const revocation = registry.write.revoke([ID, "built from a compromised base image"], { account: alice.account });
    await viem.assertions.emitWithArgs(revocation, registry, "Revoked", [
      ID,
      aliceAddress,
      "built from a compromised base image",
    ]);
    const { timestamp } = await blockOf(publicClient, await revocation);
    assert.deepEqual(await registry.read.getRelease([ID]), {
      id: ID,
      publisher: aliceAddress,
      signer: zeroAddress,
      publishedAt: published.timestamp,
      revokedAt: timestamp,
      blockNumber: published.blockNumber,
      valid: false,
    });
  });

  it("moves the publisher's signature nonce on, cancelling its outstanding signatures", async () => {
    const { registry, alice, aliceAddress, bobAddress } = await networkHelpers.loadFixture(publishedByAlice);
    assert.equal(await registry.read.nonces([aliceAddress]), 0n);
    await registry.write.revoke([ID, ""], { account: alice.account });
    assert.equal(await registry.read.nonces([aliceAddress]), 1n);
    assert.equal(await registry.read.nonces([bobAddress]), 0n);
  });

  it("keeps a revoked release in every lookup", async () => {
    const { registry, alice } = await networkHelpers.loadFixture(publishedByAlice);
    await registry.write.revoke([ID, ""], { account: alice.account });
    const [byDigest] = await registry.read.releasesByDigest([imageDigests("1.4.2")[0], 0n, 10n]);
    const [byPublisher] = await registry.read.releasesByPublisher([alice.account.address, 0n, 10n]);
    const [byName] = await registry.read.releasesByName([alice.account.address, NAME, 0n, 10n]);
    for (const page of [byDigest, byPublisher, byName]) {
      assert.equal(page.length, 1);
      assert.equal(page[0]?.id, ID);
      assert.notEqual(page[0]?.revokedAt, 0n);
      assert.equal(page[0]?.valid, false);
    }
  });

  it("rejects a caller who is not the publisher", async () => {
    const { registry, bob, aliceAddress, bobAddress } = await networkHelpers.loadFixture(publishedByAlice);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.revoke([ID, "not mine to revoke"], { account: bob.account }),
      registry,
      "ImageRegistryNotPublisher",
      [ID, bobAddress, aliceAddress],
    );
  });

  it("rejects a second revocation, naming the first one's time", async () => {
    const { registry, publicClient, alice } = await networkHelpers.loadFixture(publishedByAlice);
    const revocation = await registry.write.revoke([ID, "first"], { account: alice.account });
    const { timestamp } = await blockOf(publicClient, revocation);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.revoke([ID, "second"], { account: alice.account }),
      registry,
      "ImageRegistryAlreadyRevoked",
      [ID, timestamp],
    );
  });

  it("rejects an unknown release", async () => {
    const { registry, alice } = await networkHelpers.loadFixture(publishedByAlice);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.revoke([releaseId(1n, 1n), ""], { account: alice.account }),
      registry,
      "ImageRegistryUnknownRelease",
      [releaseId(1n, 1n)],
    );
  });
});
