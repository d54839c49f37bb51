import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { itemAt } from "../image/util/itemAt.ts";
import { getRelease } from "./actions/getRelease.ts";
import { getRevocation } from "./actions/getRevocation.ts";
import { publishRelease } from "./actions/publishRelease.ts";
import { revokeRelease } from "./actions/revokeRelease.ts";
import { isAppError } from "./errors.ts";
import { countingClient, countOf, imageRelease, startTestChain } from "./test/testChain.ts";

describe("getRevocation", async () => {
  const chain = await startTestChain();
  after(() => chain.close());
  const { publicClient, registry, testClient } = chain;
  const as = (account: number) => ({ publicClient, walletClient: chain.wallet(account) });
  const latestTimestamp = async () => (await publicClient.getBlock()).timestamp;

  async function publishAndRevoke(label: string, reason: string) {
    const published = await publishRelease(as(0), registry, imageRelease(`revocation/${label}:1`, label));
    const id = itemAt(published.releaseIds, 0);
    const revoked = await revokeRelease(as(0), registry, id, reason);
    return { id, revoked, release: await getRelease(publicClient, registry, id) };
  }

  test("a valid release has none", async () => {
    const { releaseIds } = await publishRelease(as(0), registry, imageRelease("revocation/valid:1", "valid"));
    assert.equal(
      await getRevocation(publicClient, registry, await getRelease(publicClient, registry, itemAt(releaseIds, 0))),
      null,
    );
  });

  test("finds the reason, block and transaction of the Revoked log", async () => {
    const { id, revoked, release } = await publishAndRevoke("plain", "CVE-2026-0001: leaked key in layer 3");
    assert.deepEqual(await getRevocation(publicClient, registry, release), {
      releaseId: id,
      reason: "CVE-2026-0001: leaked key in layer 3",
      revokedAt: release.revokedAt,
      blockNumber: revoked.receipt.blockNumber,
      transactionHash: revoked.transactionHash,
    });
  });

  test("blocks sharing the revocation's timestamp (sub-second chains), including the release's own", async () => {
    const t = (await latestTimestamp()) + 100n;
    await testClient.setNextBlockTimestamp({ timestamp: t });
    const { releaseIds } = await publishRelease(
      as(1),
      registry,
      imageRelease("revocation/same-second:1", "same second"),
    );
    const id = itemAt(releaseIds, 0);
    await testClient.setNextBlockTimestamp({ timestamp: t });
    await publishRelease(as(1), registry, imageRelease("revocation/same-second:2", "same second 2"));
    await testClient.setNextBlockTimestamp({ timestamp: t });
    const revoked = await revokeRelease(as(1), registry, id, "same second");
    await testClient.setNextBlockTimestamp({ timestamp: t });
    await publishRelease(as(1), registry, imageRelease("revocation/same-second:3", "same second 3"));
    const release = await getRelease(publicClient, registry, id);
    assert.equal(release.publishedAt, Number(t));
    assert.equal(release.revokedAt, Number(t));
    const revocation = await getRevocation(publicClient, registry, release);
    assert.equal(revocation?.transactionHash, revoked.transactionHash);
    assert.equal(revocation?.reason, "same second");
  });

  test("100,000 blocks later: found by searching a handful of block headers, one log query", async () => {
    const { releaseIds } = await publishRelease(as(2), registry, imageRelease("revocation/old:1", "old"));
    const id = itemAt(releaseIds, 0);
    await testClient.mine({ blocks: 60_000, interval: 12 });
    const revoked = await revokeRelease(as(2), registry, id, "superseded");
    await testClient.mine({ blocks: 40_000, interval: 2 });
    const { client, methods } = countingClient(chain);
    const revocation = await getRevocation(client, registry, await getRelease(publicClient, registry, id));
    assert.equal(revocation?.blockNumber, revoked.receipt.blockNumber);
    assert.equal(countOf(methods, "eth_getLogs"), 1);
    const headers = countOf(methods, "eth_getBlockByNumber");
    assert.ok(headers <= 2 * 17 + 4, `${headers} headers; bisection alone bounds it at 2·log2(100,000) + a few`);
  });

  test("missing-log when the chain has no Revoked log at that time (an RPC that dropped logs)", async () => {
    const { release } = await publishAndRevoke("pruned", "x");
    const error = await getRevocation(publicClient, registry, {
      ...release,
      revokedAt: (release.revokedAt as number) - 1,
    }).catch((e: unknown) => e);
    assert.ok(isAppError(error) && error.kind === "missing-log");
    assert.match(error.message, /returned no Revoked log for release [1-9]\d*-\d+ /);
  });
});
