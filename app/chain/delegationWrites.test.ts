import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { Address } from "viem";
import { itemAt } from "../image/util/itemAt.ts";
import { authorizeDelegate } from "./actions/authorizeDelegate.ts";
import { getDelegation } from "./actions/getDelegation.ts";
import { getRelease } from "./actions/getRelease.ts";
import { invalidateNonces } from "./actions/invalidateNonces.ts";
import { listDelegations } from "./actions/listDelegations.ts";
import { publishForRelease } from "./actions/publishForRelease.ts";
import { publishRelease } from "./actions/publishRelease.ts";
import { revokeDelegate } from "./actions/revokeDelegate.ts";
import { type AppError, isAppError } from "./errors.ts";
import { imageRegistryAbi } from "./generated/imageRegistryAbi.ts";
import type { WritePhase } from "./runWrite.ts";
import { countingClient, countOf, imageRelease, startTestChain } from "./test/testChain.ts";

const DAY = 86_400;

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => assert.fail("expected a rejection"),
    (e: unknown) => e,
  );
  assert.ok(isAppError(error), `not an AppError: ${String(error)}`);
  return error;
}

function revertOf(error: AppError) {
  assert.equal(error.kind, "contract-revert", error.message);
  return error.kind === "contract-revert" ? error.revert : null;
}

describe("delegation writes", async () => {
  const chain = await startTestChain();
  after(() => chain.close());
  const { publicClient, registry, deployedOnBlock } = chain;
  const registryRef = { registry, deployedOnBlock };
  const as = (account: number) => ({ publicClient, walletClient: chain.wallet(account) });
  const [acme, ci, stranger, other] = chain.accounts as [Address, Address, Address, Address];
  const now = async () => Number((await publicClient.getBlock()).timestamp);
  const nonceOf = (publisher: Address) =>
    publicClient.readContract({ address: registry, abi: imageRegistryAbi, functionName: "nonces", args: [publisher] });

  test("authorizeDelegate: phases, then the delegation reads with its prefix, expiry and grant block, and the publisher's list holds it as active", async () => {
    const expiresAt = (await now()) + 30 * DAY;
    const phases: WritePhase<unknown>[] = [];
    const outcome = await authorizeDelegate(as(0), registryRef, ci, "docker.io/acme/", expiresAt, {
      onPhase: (p) => phases.push(p),
    });
    assert.deepEqual(
      phases.map((p) => p.status),
      ["simulating", "awaiting-signature", "pending", "confirmed"],
    );
    assert.deepEqual(
      [outcome.delegate, outcome.namePrefix, outcome.expiresAt, outcome.since],
      [ci, "docker.io/acme/", expiresAt, outcome.receipt.blockNumber],
    );
    assert.deepEqual(await getDelegation(publicClient, registry, acme, ci), {
      publisher: acme,
      delegate: ci,
      namePrefix: "docker.io/acme/",
      since: outcome.receipt.blockNumber,
      expiresAt,
      revokedAt: null,
      active: true,
    });
    const listing = await listDelegations(publicClient, registryRef, acme);
    assert.equal(listing.complete, true);
    assert.deepEqual(
      listing.delegations.map((d) => [
        d.delegate,
        d.namePrefix,
        d.state,
        d.authorizedInBlock,
        d.authorizedInTransaction,
        d.revokedInBlock,
      ]),
      [[ci, "docker.io/acme/", "active", outcome.receipt.blockNumber, outcome.transactionHash, null]],
    );
  });

  test("publishForRelease: a delegate publishes two releases in its prefix; they are the publisher's, signed by the delegate, and valid", async () => {
    const inputs = [imageRelease("docker.io/acme/api:1", "api 1"), imageRelease("docker.io/acme/web:1", "web 1")];
    const outcome = await publishForRelease(as(1), registryRef, acme, inputs);
    assert.deepEqual(
      outcome.releases.map((r) => [r.name, r.publisher, r.signer, r.valid, r.imageId]),
      inputs.map((i) => [i.name, acme, ci, true, i.imageId]),
    );
    assert.deepEqual(await getRelease(publicClient, registry, itemAt(outcome.releaseIds, 0)), outcome.releases[0]);
  });

  test("a name outside the delegation's prefix is refused in simulation with ImageRegistryNameOutOfScope, and the wallet is never asked", async () => {
    const phases: string[] = [];
    const error = await failure(
      publishForRelease(as(1), registryRef, acme, [imageRelease("docker.io/acme-evil/api:1", "evil")], {
        onPhase: (p) => phases.push(p.status),
      }),
    );
    assert.deepEqual(revertOf(error), {
      errorName: "ImageRegistryNameOutOfScope",
      args: ["docker.io/acme-evil/api:1", "docker.io/acme/"],
    });
    assert.deepEqual(phases, ["simulating", "failed"]);
  });

  test("an account without a delegation cannot publish for the publisher: ImageRegistryNotDelegate with both addresses", async () => {
    const error = await failure(
      publishForRelease(as(2), registryRef, acme, [imageRelease("docker.io/acme/api:2", "api 2")]),
    );
    assert.deepEqual(revertOf(error), { errorName: "ImageRegistryNotDelegate", args: [acme, stranger] });
  });

  test("authorizeDelegate refuses the zero address, the publisher itself and an expiry that is not in the future, before the wallet", async () => {
    const future = (await now()) + DAY;
    const zero = await failure(
      authorizeDelegate(as(0), registryRef, "0x0000000000000000000000000000000000000000", "", future),
    );
    assert.deepEqual(revertOf(zero), {
      errorName: "ImageRegistryInvalidDelegate",
      args: ["0x0000000000000000000000000000000000000000"],
    });
    const self = await failure(authorizeDelegate(as(0), registryRef, acme, "", future));
    assert.deepEqual(revertOf(self), { errorName: "ImageRegistryInvalidDelegate", args: [acme] });
    const past = (await now()) - 1;
    const expired = await failure(authorizeDelegate(as(0), registryRef, stranger, "", past));
    assert.deepEqual(revertOf(expired), { errorName: "ImageRegistryInvalidExpiry", args: [BigInt(past)] });
  });

  test("revokeDelegate: the key's releases stop counting, the list says revoked with the block, and it cannot publish or be revoked again", async () => {
    const { releaseIds } = await publishForRelease(as(1), registryRef, acme, [
      imageRelease("docker.io/acme/api:3", "api 3"),
    ]);
    const outcome = await revokeDelegate(as(0), registryRef, ci);
    assert.equal(outcome.delegate, ci);
    const release = await getRelease(publicClient, registry, itemAt(releaseIds, 0));
    assert.deepEqual([release.valid, release.revokedAt, release.signer], [false, null, ci]);
    const delegation = await getDelegation(publicClient, registry, acme, ci);
    assert.equal(delegation?.active, false);
    assert.equal(typeof delegation?.revokedAt, "number");
    const [listed] = (await listDelegations(publicClient, registryRef, acme)).delegations;
    assert.deepEqual(
      [listed?.state, listed?.revokedInBlock, listed?.revokedInTransaction],
      ["revoked", outcome.receipt.blockNumber, outcome.transactionHash],
    );
    const publish = await failure(
      publishForRelease(as(1), registryRef, acme, [imageRelease("docker.io/acme/api:4", "api 4")]),
    );
    assert.deepEqual(revertOf(publish), {
      errorName: "ImageRegistryDelegationRevoked",
      args: [acme, ci, BigInt(delegation?.revokedAt ?? 0)],
    });
    const again = await failure(revokeDelegate(as(0), registryRef, ci));
    assert.deepEqual(revertOf(again), {
      errorName: "ImageRegistryDelegationRevoked",
      args: [acme, ci, BigInt(delegation?.revokedAt ?? 0)],
    });
    const never = await failure(revokeDelegate(as(0), registryRef, other));
    assert.deepEqual(revertOf(never), { errorName: "ImageRegistryNotDelegate", args: [acme, other] });
  });

  test("a new grant after revocation starts anew: the key's earlier releases stay void, its new ones count", async () => {
    const { releaseIds: before } = await publishRelease(
      as(0),
      registryRef,
      imageRelease("docker.io/acme/own:1", "own 1"),
    );
    const grant = await authorizeDelegate(as(0), registryRef, ci, "docker.io/acme/", (await now()) + DAY);
    const [oldRelease] = (await listDelegations(publicClient, registryRef, acme)).delegations;
    assert.deepEqual(
      [oldRelease?.state, oldRelease?.since, oldRelease?.revokedInBlock],
      ["active", grant.receipt.blockNumber, null],
    );
    const { releaseIds } = await publishForRelease(as(1), registryRef, acme, [
      imageRelease("docker.io/acme/api:5", "api 5"),
    ]);
    assert.equal((await getRelease(publicClient, registry, itemAt(releaseIds, 0))).valid, true);
    assert.equal((await getRelease(publicClient, registry, itemAt(before, 0))).valid, true);
  });

  test("an expired delegation reads as expired and cannot publish: ImageRegistryDelegationExpired with its expiry", async () => {
    const expiresAt = (await now()) + 60;
    await authorizeDelegate(as(3), registryRef, stranger, "", expiresAt);
    await chain.testClient.setNextBlockTimestamp({ timestamp: BigInt(expiresAt + 1) });
    await chain.testClient.mine({ blocks: 1 });
    const [listed] = (await listDelegations(publicClient, registryRef, other)).delegations;
    assert.deepEqual(
      [listed?.delegate, listed?.state, listed?.expiresAt, listed?.revokedAt],
      [stranger, "expired", expiresAt, null],
    );
    const error = await failure(publishForRelease(as(2), registryRef, other, [imageRelease("anything", "x")]));
    assert.deepEqual(revertOf(error), {
      errorName: "ImageRegistryDelegationExpired",
      args: [other, stranger, BigInt(expiresAt)],
    });
  });

  test("listDelegations: one log query for a short range, only this publisher's keys, none for a publisher without any", async () => {
    const { client, methods } = countingClient(chain);
    const listing = await listDelegations(client, registryRef, acme);
    assert.deepEqual(
      listing.delegations.map((d) => d.delegate),
      [ci],
    );
    assert.equal(countOf(methods, "eth_getLogs"), 1);
    assert.equal(countOf(methods, "eth_call"), 1);
    assert.deepEqual((await listDelegations(publicClient, registryRef, stranger)).delegations, []);
  });

  test("invalidateNonces: without a nonce it moves to current + 1; a nonce not ahead is refused with ImageRegistryInvalidNonce", async () => {
    const current = await nonceOf(acme);
    const outcome = await invalidateNonces(as(0), registryRef);
    assert.equal(outcome.nonce, current + 1n);
    assert.equal(await nonceOf(acme), current + 1n);
    const jump = await invalidateNonces(as(0), registryRef, current + 10n);
    assert.equal(jump.nonce, current + 10n);
    const error = await failure(invalidateNonces(as(0), registryRef, current + 5n));
    assert.deepEqual(revertOf(error), { errorName: "ImageRegistryInvalidNonce", args: [current + 10n, current + 5n] });
  });
});
