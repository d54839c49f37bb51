import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { keccak256, stringToBytes, zeroAddress } from "viem";

import { digestOf, imageDigests, NO_DIGEST, releaseInput } from "./helpers/digests.ts";
import { blockOf, deployRegistry, NAME, publishedIds, releaseId } from "./helpers/registry.ts";

describe("ImageRegistry publish", async () => {
  const { viem, networkHelpers } = await network.create();

  async function deployed() {
    return deployRegistry(viem);
  }

  it("records a release and returns its id", async () => {
    const { registry, publicClient, alice, aliceAddress } = await networkHelpers.loadFixture(deployed);
    const digests = imageDigests("1.4.2");
    const { result } = await registry.simulate.publish([NAME, ...digests], { account: alice.account.address });
    const hash = await registry.write.publish([NAME, ...digests], { account: alice.account });
    const { blockNumber, timestamp } = await blockOf(publicClient, hash);

    assert.equal(result, releaseId(1n, 0n));
    assert.deepEqual(await registry.read.getRelease([result]), {
      id: releaseId(1n, 0n),
      publisher: aliceAddress,
      signer: zeroAddress,
      publishedAt: timestamp,
      revokedAt: 0n,
      blockNumber,
      valid: true,
    });
  });

  it("emits Published with the name, its hash and every digest", async () => {
    const { registry, alice, aliceAddress } = await networkHelpers.loadFixture(deployed);
    const digests = [digestOf("config"), digestOf("manifest"), digestOf("index"), digestOf("archive")] as const;
    await viem.assertions.emitWithArgs(
      registry.write.publish([NAME, ...digests], { account: alice.account }),
      registry,
      "Published",
      [releaseId(1n, 0n), aliceAddress, keccak256(stringToBytes(NAME)), NAME, ...digests],
    );
  });

  it("numbers each publisher at its first release and counts its releases", async () => {
    const { registry, publicClient, alice, bob } = await networkHelpers.loadFixture(deployed);
    const publish = async (label: string, account: typeof alice.account) =>
      publishedIds(publicClient, registry, await registry.write.publish([NAME, ...imageDigests(label)], { account }));
    const ids = [
      ...(await publish("a", alice.account)),
      ...(await publish("b", bob.account)),
      ...(await publish("c", alice.account)),
    ];
    assert.deepEqual(ids, [releaseId(1n, 0n), releaseId(2n, 0n), releaseId(1n, 1n)]);
  });

  it("publishes a name again as a new release and keeps the old one", async () => {
    const { registry, alice } = await networkHelpers.loadFixture(deployed);
    await registry.write.publish([NAME, ...imageDigests("first build")], { account: alice.account });
    await registry.write.publish([NAME, ...imageDigests("second build")], { account: alice.account });
    const [history, total] = await registry.read.releasesByName([alice.account.address, NAME, 0n, 10n]);
    assert.equal(total, 2n);
    assert.deepEqual(
      history.map((release) => release.id),
      [releaseId(1n, 1n), releaseId(1n, 0n)],
    );
  });

  it("rejects an empty name", async () => {
    const { registry } = await networkHelpers.loadFixture(deployed);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publish(["", ...imageDigests("a")]),
      registry,
      "ImageRegistryEmptyName",
      [],
    );
  });

  it("rejects a name longer than 255 bytes", async () => {
    const { registry } = await networkHelpers.loadFixture(deployed);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publish(["a".repeat(256), ...imageDigests("a")]),
      registry,
      "ImageRegistryNameTooLong",
      [256n],
    );
  });

  it("rejects a name with a control character, naming its position and byte", async () => {
    const { registry } = await networkHelpers.loadFixture(deployed);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publish(["docker.io/acme/api:1.4.2\n", ...imageDigests("a")]),
      registry,
      "ImageRegistryInvalidNameByte",
      [24n, "0x0a"],
    );
    // Past the first 32 bytes too, and DEL (0x7f) as well as the bytes below 0x20.
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publish([`registry.example/${"x".repeat(30)}\u007f`, ...imageDigests("a")]),
      registry,
      "ImageRegistryInvalidNameByte",
      [47n, "0x7f"],
    );
  });

  it("accepts a UTF-8 name", async () => {
    const { registry } = await networkHelpers.loadFixture(deployed);
    await viem.assertions.emit(
      registry.write.publish(["registry.example/équipe/api:1.0", ...imageDigests("a")]),
      registry,
      "Published",
    );
  });

  it("rejects a release with no digest", async () => {
    const { registry } = await networkHelpers.loadFixture(deployed);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publish([NAME, NO_DIGEST, NO_DIGEST, NO_DIGEST, NO_DIGEST]),
      registry,
      "ImageRegistryNoDigest",
      [],
    );
  });

  it("rejects the same publisher, name and digests while the earlier release is valid", async () => {
    const { registry, alice } = await networkHelpers.loadFixture(deployed);
    await registry.write.publish([NAME, ...imageDigests("a")], { account: alice.account });
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publish([NAME, ...imageDigests("a")], { account: alice.account }),
      registry,
      "ImageRegistryAlreadyPublished",
      [releaseId(1n, 0n)],
    );
  });

  it("accepts the same release again once the earlier one is revoked", async () => {
    const { registry, publicClient, alice } = await networkHelpers.loadFixture(deployed);
    await registry.write.publish([NAME, ...imageDigests("a")], { account: alice.account });
    await registry.write.revoke([releaseId(1n, 0n), "signed with a leaked key"], { account: alice.account });
    const hash = await registry.write.publish([NAME, ...imageDigests("a")], { account: alice.account });
    assert.deepEqual(await publishedIds(publicClient, registry, hash), [releaseId(1n, 1n)]);
  });

  it("publishes a multi-platform image as one release per platform in one transaction", async () => {
    const { registry, publicClient, alice } = await networkHelpers.loadFixture(deployed);
    const indexDigest = digestOf("index");
    const platforms = ["linux/amd64", "linux/arm64"].map((platform) =>
      releaseInput(NAME, [digestOf(`${platform} config`), digestOf(`${platform} manifest`), indexDigest, NO_DIGEST]),
    );
    const { result } = await registry.simulate.publishBatch([platforms], { account: alice.account.address });
    const hash = await registry.write.publishBatch([platforms], { account: alice.account });

    assert.deepEqual(result, [releaseId(1n, 0n), releaseId(1n, 1n)]);
    assert.deepEqual(await publishedIds(publicClient, registry, hash), result);
    const [byIndex, total] = await registry.read.releasesByDigest([indexDigest, 0n, 10n]);
    assert.equal(total, 2n);
    assert.deepEqual(
      byIndex.map((release) => release.id),
      [releaseId(1n, 1n), releaseId(1n, 0n)],
    );
  });

  it("rejects an empty batch", async () => {
    const { registry } = await networkHelpers.loadFixture(deployed);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.write.publishBatch([[]]),
      registry,
      "ImageRegistryEmptyBatch",
      [],
    );
  });

  it("refuses ether", async () => {
    const { registry, alice } = await networkHelpers.loadFixture(deployed);
    await viem.assertions.revert(alice.sendTransaction({ to: registry.address, value: 1n }));
  });
});
