import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { Address } from "viem";
import { itemAt } from "../image/util/itemAt.ts";
import { getDelegation } from "./actions/getDelegation.ts";
import { getLatestValidRelease } from "./actions/getLatestValidRelease.ts";
import { getNameHistory } from "./actions/getNameHistory.ts";
import { getRelease } from "./actions/getRelease.ts";
import { getReleasesByDigestPage } from "./actions/getReleasesByDigestPage.ts";
import { getReleasesByPublisher } from "./actions/getReleasesByPublisher.ts";
import { getReleasesByPublisherAndDigest } from "./actions/getReleasesByPublisherAndDigest.ts";
import { publishRelease } from "./actions/publishRelease.ts";
import { publishReleaseBatch } from "./actions/publishReleaseBatch.ts";
import { revokeRelease } from "./actions/revokeRelease.ts";
import { isAppError } from "./errors.ts";
import type { Release } from "./release.ts";
import { releaseInputToChain } from "./releaseInput.ts";
import { inOneBlock } from "./test/inOneBlock.ts";
import { countingClient, countOf, digestOf, imageRelease, startTestChain } from "./test/testChain.ts";
import { writeRegistry } from "./test/writeRegistry.ts";

describe("read actions", async () => {
  const chain = await startTestChain();
  after(() => chain.close());
  const { publicClient, registry } = chain;
  const as = (account: number) => ({ publicClient, walletClient: chain.wallet(account) });
  const [alice, bob, carol] = chain.accounts as [Address, Address, Address];

  test("getRelease: the name, the four digests, times, block and transaction of one release", async () => {
    const input = {
      ...imageRelease("docker.io/acme/api:1.4.2", "api 1.4.2"),
      indexDigest: digestOf("api index"),
      archiveDigest: digestOf("api tar"),
    };
    const { releaseIds, receipt, transactionHash } = await publishRelease(as(0), registry, input);
    const block = await publicClient.getBlock({ blockNumber: receipt.blockNumber });
    const release = await getRelease(publicClient, registry, itemAt(releaseIds, 0));
    assert.deepEqual(release, {
      ...input,
      chainId: 31337,
      id: (1n << 32n) | 0n,
      publisher: alice,
      signer: null,
      publishedAt: Number(block.timestamp),
      revokedAt: null,
      valid: true,
      blockNumber: receipt.blockNumber,
      transactionHash,
    } satisfies Release);
  });

  test("getRelease of an unknown id: contract-revert ImageRegistryUnknownRelease with the id, in words", async () => {
    const error = await getRelease(publicClient, registry, 999n).catch((e: unknown) => e);
    assert.ok(isAppError(error) && error.kind === "contract-revert");
    assert.deepEqual(error.revert, { errorName: "ImageRegistryUnknownRelease", args: [999n] });
    assert.equal(error.message, "There is no release with id 999 in this registry. Check the id and the chain.");
  });

  test("releases recorded in one block are read with one eth_getLogs for that block", async () => {
    const shared = digestOf("one-block shared manifest");
    const named = (name: string, label: string) => ({ ...imageRelease(name, label), manifestDigest: shared });
    // Three publishers in one block, plus a batch of three in another block.
    await inOneBlock(chain, [
      (options) => publishRelease(as(0), registry, named("one-block/a:1", "a"), options),
      (options) => publishRelease(as(1), registry, named("one-block/b:1", "b"), options),
      (options) => publishRelease(as(2), registry, named("one-block/c:1", "c"), options),
    ]);
    await publishReleaseBatch(as(0), registry, [
      named("one-block/d:1", "d"),
      named("one-block/e:1", "e"),
      named("one-block/f:1", "f"),
    ]);
    const { client, methods } = countingClient(chain);
    const { releases } = await getReleasesByDigestPage(client, registry, shared);
    assert.deepEqual(
      releases.map((r) => r.name),
      ["one-block/f:1", "one-block/e:1", "one-block/d:1", "one-block/c:1", "one-block/b:1", "one-block/a:1"],
    );
    assert.deepEqual(
      releases.map((r) => r.publisher),
      [alice, alice, alice, carol, bob, alice],
    );
    assert.equal(new Set(releases.map((r) => r.blockNumber)).size, 2);
    assert.equal(countOf(methods, "eth_getLogs"), 2, "one log query per block");
    assert.equal(countOf(methods, "eth_call"), 1, "one page");
  });

  test("getReleasesByPublisherAndDigest: every page (over 100 of one publisher's releases), newest first, revoked included", async () => {
    const digest = digestOf("popular base image");
    const inputs = Array.from({ length: 130 }, (_, i) => ({
      ...imageRelease(`paged/image:${i}`, `paged ${i}`),
      indexDigest: digest,
    }));
    await publishReleaseBatch(as(1), registry, inputs.slice(0, 65));
    const second = await publishReleaseBatch(as(1), registry, inputs.slice(65));
    await revokeRelease(as(1), registry, itemAt(second.releaseIds, 0), "bad build");
    const { client, methods } = countingClient(chain);
    const releases = await getReleasesByPublisherAndDigest(client, registry, bob, digest);
    assert.equal(releases.length, 130);
    assert.deepEqual(
      releases.map((r) => r.name),
      inputs.map((i) => i.name).reverse(),
    );
    assert.deepEqual(
      releases.filter((r) => !r.valid).map((r) => r.id),
      [second.releaseIds[0]],
    );
    assert.equal(countOf(methods, "eth_call"), 2, "two pages of 100");
    assert.equal(countOf(methods, "eth_getLogs"), 2, "two blocks");
    assert.deepEqual(
      await getReleasesByPublisherAndDigest(publicClient, registry, bob, digestOf("never published")),
      [],
    );
  });

  test("getReleasesByPublisher: one page at a time with the total", async () => {
    const publisher = itemAt(chain.accounts, 3);
    for (let i = 0; i < 5; i++) await publishRelease(as(3), registry, imageRelease(`by-publisher/x:${i}`, `x ${i}`));
    const first = await getReleasesByPublisher(publicClient, registry, publisher, { limit: 2 });
    assert.deepEqual(
      [first.total, first.offset, first.limit, first.releases.map((r) => r.name)],
      [5, 0, 2, ["by-publisher/x:4", "by-publisher/x:3"]],
    );
    const last = await getReleasesByPublisher(publicClient, registry, publisher, { offset: 4, limit: 2 });
    assert.deepEqual(
      last.releases.map((r) => r.name),
      ["by-publisher/x:0"],
    );
    assert.ok(last.releases.every((r) => r.publisher === publisher));
    const nobody = await getReleasesByPublisher(publicClient, registry, "0x000000000000000000000000000000000000dEaD");
    assert.deepEqual([nobody.total, nobody.releases], [0, []]);
  });

  test("getNameHistory keeps revoked releases; getLatestValidRelease skips them, null when none is valid", async () => {
    const name = "docker.io/acme/history:stable";
    const v1 = await publishRelease(as(2), registry, imageRelease(name, "history v1"));
    const v2 = await publishRelease(as(2), registry, imageRelease(name, "history v2"));
    const v3 = await publishRelease(as(2), registry, imageRelease(name, "history v3"));
    await revokeRelease(as(2), registry, itemAt(v3.releaseIds, 0), "broken");
    const history = await getNameHistory(publicClient, registry, carol, name);
    assert.deepEqual(
      history.releases.map((r) => [r.id, r.revokedAt !== null]),
      [
        [v3.releaseIds[0], true],
        [v2.releaseIds[0], false],
        [v1.releaseIds[0], false],
      ],
    );
    assert.equal((await getLatestValidRelease(publicClient, registry, carol, name))?.id, v2.releaseIds[0]);
    await revokeRelease(as(2), registry, itemAt(v2.releaseIds, 0), "broken too");
    await revokeRelease(as(2), registry, itemAt(v1.releaseIds, 0), "all of them");
    assert.equal(await getLatestValidRelease(publicClient, registry, carol, name), null);
    assert.deepEqual(
      (await getNameHistory(publicClient, registry, carol, name)).releases.map((r) => r.valid),
      [false, false, false],
    );
    assert.equal(
      await getLatestValidRelease(publicClient, registry, alice, name),
      null,
      "another publisher's name is not carol's",
    );
  });

  test("getReleasesByDigestPage: one page and the list's total, one eth_call", async () => {
    const digest = digestOf("paged by page");
    const inputs = Array.from({ length: 25 }, (_, i) => ({
      ...imageRelease(`by-page/image:${i}`, `by page ${i}`),
      indexDigest: digest,
    }));
    await publishReleaseBatch(as(4), registry, inputs);
    const { client, methods } = countingClient(chain);
    const first = await getReleasesByDigestPage(client, registry, digest, { limit: 10 });
    assert.deepEqual([first.total, first.offset, first.limit], [25, 0, 10]);
    assert.deepEqual(
      first.releases.map((r) => r.name),
      inputs
        .slice(15)
        .map((i) => i.name)
        .reverse(),
    );
    assert.deepEqual([countOf(methods, "eth_call"), countOf(methods, "eth_getLogs")], [1, 1]);
    const last = await getReleasesByDigestPage(publicClient, registry, digest, { offset: 20, limit: 10 });
    assert.deepEqual(
      last.releases.map((r) => r.name),
      inputs
        .slice(0, 5)
        .map((i) => i.name)
        .reverse(),
    );
    const none = await getReleasesByDigestPage(publicClient, registry, digestOf("named by nobody"));
    assert.deepEqual([none.total, none.releases], [0, []]);
  });

  test("getReleasesByPublisherAndDigest: only that publisher's releases, at a cost that others' releases of the digest do not change", async () => {
    const digest = digestOf("spammed manifest");
    const publisher = itemAt(chain.accounts, 5);
    const own = (name: string, label: string) => ({ ...imageRelease(name, label), manifestDigest: digest });
    const spam = (count: number, from: number) =>
      Array.from({ length: count }, (_, i) => own(`spam/copy:${from + i}`, `spam ${from + i}`));
    // The publisher's first release is the digest's first entry; its second comes after strangers' releases.
    const first = await publishRelease(as(5), registry, own("docker.io/acme/spammed:1", "spammed 1"));
    await publishReleaseBatch(as(6), registry, spam(5, 0));
    const second = await publishRelease(as(5), registry, own("docker.io/acme/spammed:2", "spammed 2"));
    const ids = [second.releaseIds[0], first.releaseIds[0]];
    const measure = async () => {
      const { client, methods } = countingClient(chain);
      const releases = await getReleasesByPublisherAndDigest(client, registry, publisher, digest);
      assert.deepEqual(
        releases.map((r) => [r.id, r.publisher, r.manifestDigest]),
        ids.map((id) => [id, publisher, digest]),
      );
      return [countOf(methods, "eth_call"), countOf(methods, "eth_getLogs")];
    };
    const before = await measure();
    assert.deepEqual(before, [1, 2], "one call, one log query per block of the publisher's releases");
    await publishReleaseBatch(as(6), registry, spam(60, 5));
    await publishReleaseBatch(as(7), registry, spam(60, 65));
    assert.deepEqual(await measure(), before, "120 more releases by others change nothing");
    assert.deepEqual(
      await getReleasesByPublisherAndDigest(publicClient, registry, itemAt(chain.accounts, 8), digest),
      [],
    );
  });

  test("getDelegation, and a delegated release: signer recorded, void once the delegation is revoked", async () => {
    const [publisher, delegate] = [chain.accounts[10], chain.accounts[11]] as [Address, Address];
    assert.equal(await getDelegation(publicClient, registry, publisher, delegate), null);
    const expiresAt = (await publicClient.getBlock()).timestamp + 86_400n;
    const granted = await writeRegistry(chain, 10, "authorizeDelegate", [delegate, "ghcr.io/acme/", expiresAt]);
    assert.deepEqual(await getDelegation(publicClient, registry, publisher, delegate), {
      publisher,
      delegate,
      namePrefix: "ghcr.io/acme/",
      since: granted.blockNumber,
      expiresAt: Number(expiresAt),
      revokedAt: null,
      active: true,
    });
    const input = imageRelease("ghcr.io/acme/ci:1", "delegated ci 1");
    const published = await writeRegistry(chain, 11, "publishFor", [publisher, [releaseInputToChain(input)]]);
    const { releases } = await getReleasesByPublisher(publicClient, registry, publisher);
    assert.deepEqual(
      releases.map((r) => [r.name, r.publisher, r.signer, r.valid, r.blockNumber]),
      [[input.name, publisher, delegate, true, published.blockNumber]],
    );
    const revoked = await writeRegistry(chain, 10, "revokeDelegate", [delegate]);
    const revokedAt = Number((await publicClient.getBlock({ blockNumber: revoked.blockNumber })).timestamp);
    const after = await getDelegation(publicClient, registry, publisher, delegate);
    assert.deepEqual([after?.revokedAt, after?.active], [revokedAt, false]);
    const release = await getRelease(publicClient, registry, releases[0]?.id as bigint);
    assert.deepEqual(
      [release.signer, release.revokedAt, release.valid],
      [delegate, null, false],
      "not revoked itself, but no longer valid",
    );
  });

  test("registry-missing: reading where no contract is", async () => {
    const error = await getReleasesByDigestPage(publicClient, bob, digestOf("x")).catch((e: unknown) => e);
    assert.ok(isAppError(error) && error.kind === "registry-missing");
    assert.equal(error.address, bob);
    assert.match(error.message, /^No ImageRegistry at 0x[0-9a-fA-F]{40} on chain 31337/);
  });
});
