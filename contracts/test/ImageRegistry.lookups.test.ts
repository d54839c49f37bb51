import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { network } from "hardhat";
import { keccak256, stringToBytes, zeroAddress } from "viem";
import { itemAt } from "../../app/image/util/itemAt.ts";
import { digestOf, NO_DIGEST, releaseInput } from "./helpers/digests.ts";
import { blockOf, deployRegistry, NAME, releaseId } from "./helpers/registry.ts";

const INDEX_DIGEST = digestOf("index");
const PLATFORMS = ["linux/amd64", "linux/arm64", "linux/arm/v7", "linux/ppc64le", "linux/s390x"];

/** One release per platform, all under NAME and INDEX_DIGEST, as `docker buildx` would push them. */
function platformRelease(platform: string) {
  const [imageId, manifestDigest] = [digestOf(`${platform} config`), digestOf(`${platform} manifest`)];
  return releaseInput(NAME, [imageId, manifestDigest, INDEX_DIGEST, NO_DIGEST]);
}

describe("ImageRegistry lookups", async () => {
  const { viem, networkHelpers } = await network.create();

  async function multiPlatformImage() {
    const fixture = await deployRegistry(viem);
    const hash = await fixture.registry.write.publishBatch([PLATFORMS.map(platformRelease)], {
      account: fixture.alice.account,
    });
    const ids = PLATFORMS.map((_, sequence) => releaseId(1n, BigInt(sequence)));
    return { ...fixture, ids, newestFirst: [...ids].reverse(), published: await blockOf(fixture.publicClient, hash) };
  }

  it("finds a release by each digest it names", async () => {
    const { registry, ids } = await networkHelpers.loadFixture(multiPlatformImage);
    const arm64 = platformRelease("linux/arm64");
    for (const digest of [arm64.imageId, arm64.manifestDigest]) {
      const [releases, total] = await registry.read.releasesByDigest([digest, 0n, 10n]);
      assert.equal(total, 1n);
      assert.deepEqual(
        releases.map((release) => release.id),
        [ids[1]],
      );
    }
  });

  it("lists every platform under the shared index digest, newest first", async () => {
    const { registry, newestFirst, aliceAddress, published } = await networkHelpers.loadFixture(multiPlatformImage);
    const [releases, total] = await registry.read.releasesByDigest([INDEX_DIGEST, 0n, 100n]);
    assert.equal(total, 5n);
    assert.deepEqual(
      releases,
      newestFirst.map((id) => ({
        id,
        publisher: aliceAddress,
        signer: zeroAddress,
        publishedAt: published.timestamp,
        revokedAt: 0n,
        blockNumber: published.blockNumber,
        valid: true,
      })),
    );
  });

  it("lists one publisher's releases of a digest apart from everyone else's", async () => {
    const fixture = await networkHelpers.loadFixture(multiPlatformImage);
    const { registry, newestFirst, aliceAddress, bob, bobAddress } = fixture;
    const bobs: bigint[] = [];
    for (const tag of ["a", "b", "c"]) {
      const release = releaseInput(`docker.io/bob/copy:${tag}`, [digestOf(tag), NO_DIGEST, INDEX_DIGEST, NO_DIGEST]);
      await registry.write.publishBatch([[release]], { account: bob.account });
      bobs.unshift(releaseId(2n, BigInt(bobs.length)));
    }
    const byPublisher = registry.read.releasesByPublisherAndDigest;
    const [alices, aliceTotal] = await byPublisher([aliceAddress, INDEX_DIGEST, 0n, 10n]);
    const [bobsPage, bobTotal] = await byPublisher([bobAddress, INDEX_DIGEST, 1n, 10n]);
    const [, everyone] = await registry.read.releasesByDigest([INDEX_DIGEST, 0n, 0n]);
    assert.deepEqual([alices.map((release) => release.id), aliceTotal], [newestFirst, 5n]);
    assert.deepEqual([bobsPage.map((release) => release.id), bobTotal], [bobs.slice(1), 3n]);
    assert.equal(everyone, 8n);
  });

  it("pages a list with offset and limit and reports its total", async () => {
    const { registry, newestFirst } = await networkHelpers.loadFixture(multiPlatformImage);
    const pages: bigint[][] = [];
    for (let offset = 0n; offset < 5n; offset += 2n) {
      const [page, total] = await registry.read.releasesByDigest([INDEX_DIGEST, offset, 2n]);
      assert.equal(total, 5n);
      pages.push(page.map((release) => release.id));
    }
    assert.deepEqual(pages, [newestFirst.slice(0, 2), newestFirst.slice(2, 4), newestFirst.slice(4)]);
    const [pastTheEnd, total] = await registry.read.releasesByDigest([INDEX_DIGEST, 5n, 2n]);
    assert.deepEqual([pastTheEnd, total], [[], 5n]);
  });

  it("lists a publisher's releases and a name's history, newest first", async () => {
    const { registry, newestFirst, alice, bob } = await networkHelpers.loadFixture(multiPlatformImage);
    const [byPublisher, publisherTotal] = await registry.read.releasesByPublisher([alice.account.address, 1n, 3n]);
    const [byName, nameTotal] = await registry.read.releasesByName([alice.account.address, NAME, 0n, 10n]);
    const [othersName, othersTotal] = await registry.read.releasesByName([bob.account.address, NAME, 0n, 10n]);
    assert.equal(publisherTotal, 5n);
    assert.deepEqual(
      byPublisher.map((release) => release.id),
      newestFirst.slice(1, 4),
    );
    assert.equal(nameTotal, 5n);
    assert.deepEqual(
      byName.map((release) => release.id),
      newestFirst,
    );
    assert.deepEqual([othersName, othersTotal], [[], 0n]);
  });

  it("gives the latest valid release of a name, skipping revoked ones", async () => {
    const { registry, newestFirst, alice } = await networkHelpers.loadFixture(multiPlatformImage);
    const [newest, second] = newestFirst as [bigint, bigint];
    await registry.write.revoke([newest, "bad build"], { account: alice.account });
    const [found, latest] = await registry.read.latestValidRelease([alice.account.address, NAME]);
    assert.equal(found, true);
    assert.equal(latest.id, second);
  });

  it("reports no latest valid release when every release of the name is revoked", async () => {
    const { registry, ids, alice } = await networkHelpers.loadFixture(multiPlatformImage);
    for (const id of ids) await registry.write.revoke([id, "withdrawn"], { account: alice.account });
    assert.deepEqual(await registry.read.latestValidRelease([alice.account.address, NAME]), [
      false,
      {
        id: 0n,
        publisher: zeroAddress,
        signer: zeroAddress,
        publishedAt: 0n,
        revokedAt: 0n,
        blockNumber: 0n,
        valid: false,
      },
    ]);
  });

  it("lets a client rebuild a release from the Published log of its block", async () => {
    const { registry, publicClient, ids } = await networkHelpers.loadFixture(multiPlatformImage);
    const id = itemAt(ids, 3);
    const { blockNumber } = await registry.read.getRelease([id]);
    const logs = await publicClient.getContractEvents({
      address: registry.address,
      abi: registry.abi,
      eventName: "Published",
      args: { id },
      fromBlock: blockNumber,
      toBlock: blockNumber,
      strict: true,
    });
    const [log, ...more] = logs;
    assert.ok(log !== undefined && more.length === 0);
    const { name, nameHash, imageId, manifestDigest, indexDigest, archiveDigest } = log.args;
    assert.deepEqual(
      { name, imageId, manifestDigest, indexDigest, archiveDigest },
      platformRelease(itemAt(PLATFORMS, 3)),
    );
    assert.equal(nameHash, keccak256(stringToBytes(NAME)));
  });

  it("rejects an unknown release id", async () => {
    const { registry } = await networkHelpers.loadFixture(multiPlatformImage);
    await viem.assertions.revertWithCustomErrorWithArgs(
      registry.read.getRelease([releaseId(2n, 0n)]),
      registry,
      "ImageRegistryUnknownRelease",
      [releaseId(2n, 0n)],
    );
  });
});
