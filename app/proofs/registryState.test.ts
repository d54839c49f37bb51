// RegistryState, fed by eth_getStorageAt, must answer exactly what the contract's views answer,
// over random sequences of publishes (own, batched, delegated), revocations and delegation
// changes: the check that registryLayout.ts still describes the contract's storage.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import fc from "fast-check";
import { type Address, type Hex, numberToHex, zeroAddress } from "viem";
import { imageRegistryAbi } from "../chain/generated/imageRegistryAbi.ts";
import { startTestChain, type TestChain } from "../chain/test/testChain.ts";
import { itemAt } from "../image/util/itemAt.ts";
import { type ClaimDigests, RegistryState } from "./registryState.ts";

let chain: TestChain;

const digest = (n: number): Hex => numberToHex(BigInt(n) * 0x1000193n + 7n, { size: 32 });
const ZERO: Hex = numberToHex(0n, { size: 32 });

interface Published {
  id: bigint;
  publisher: Address;
  name: string;
  digests: ClaimDigests;
  delegated: boolean;
}

const seen = { delegated: 0, total: 0 };

before(async () => {
  chain = await startTestChain();
});
after(() => chain.close());

/** Sends a registry call from account `from`; false when it reverts (already published, not a delegate, …). */
async function sendTo(
  registry: Address,
  from: number,
  functionName: string,
  args: readonly unknown[],
): Promise<boolean> {
  try {
    const { request } = await chain.publicClient.simulateContract({
      address: registry,
      abi: imageRegistryAbi,
      functionName: functionName as never,
      args: args as never,
      account: itemAt(chain.accounts, from),
    });
    const hash = await chain.wallet(from).writeContract({ ...request, chain: chain.chain } as never);
    const receipt = await chain.publicClient.waitForTransactionReceipt({ hash });
    return receipt.status === "success";
  } catch {
    return false; // a revert the model does not care about
  }
}

describe("RegistryState over eth_getStorageAt", () => {
  it("answers what the contract's views answer, for random histories", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            op: fc.constantFrom("publish", "publish", "publishFor", "revoke", "authorize", "revokeDelegate"),
            actor: fc.integer({ min: 1, max: 3 }),
            other: fc.integer({ min: 1, max: 3 }),
            name: fc.constantFrom("docker.io/acme/a:1", "docker.io/acme/b:1", "ghcr.io/x/y:2"),
            digests: fc.tuple(
              fc.integer({ min: 0, max: 5 }),
              fc.integer({ min: 0, max: 5 }),
              fc.integer({ min: 0, max: 5 }),
              fc.integer({ min: 0, max: 5 }),
            ),
            pick: fc.nat(),
          }),
          { minLength: 5, maxLength: 25 },
        ),
        async (steps) => {
          const { registry } = await chain.deployRegistry();
          const published: Published[] = [];
          // Every account may publish for every other from the start (some for a prefix only), so
          // histories hold delegated releases; the random steps then revoke and re-grant.
          const now = (await chain.publicClient.getBlock()).timestamp;
          for (const from of [1, 2, 3])
            for (const to of [1, 2, 3])
              if (from !== to)
                await sendTo(registry, from, "authorizeDelegate", [
                  chain.accounts[to],
                  from === 1 ? "docker.io/acme/" : "",
                  now + 100_000n,
                ]);
          for (const step of steps) {
            const digests = step.digests.map((d) => (d === 0 ? ZERO : digest(d))) as unknown as ClaimDigests;
            const input = {
              name: step.name,
              imageId: digests[0],
              manifestDigest: digests[1],
              indexDigest: digests[2],
              archiveDigest: digests[3],
            };
            const actor = itemAt(chain.accounts, step.actor);
            const other = itemAt(chain.accounts, step.other);
            if (step.op === "publish" && (await sendTo(registry, step.actor, "publish", [input.name, ...digests]))) {
              published.push({
                id: await lastId(registry, actor),
                publisher: actor,
                name: input.name,
                digests,
                delegated: false,
              });
            } else if (
              step.op === "publishFor" &&
              (await sendTo(registry, step.actor, "publishFor", [other, [input]]))
            ) {
              published.push({
                id: await lastId(registry, other),
                publisher: other,
                name: input.name,
                digests,
                delegated: true,
              });
            } else if (step.op === "revoke" && published.length > 0) {
              const target = itemAt(published, step.pick % published.length);
              await sendTo(registry, chain.accounts.indexOf(target.publisher), "revoke", [target.id, "model"]);
            } else if (step.op === "authorize") {
              const block = await chain.publicClient.getBlock();
              await sendTo(registry, step.actor, "authorizeDelegate", [
                other,
                step.pick % 2 === 0 ? "docker.io/acme/" : "",
                block.timestamp + 1000n,
              ]);
            } else if (step.op === "revokeDelegate") {
              await sendTo(registry, step.actor, "revokeDelegate", [other]);
            }
          }
          await compare(registry, published);
          seen.delegated += published.filter((p) => p.delegated).length;
          seen.total += published.length;
        },
      ),
      { numRuns: 6 },
    );
    assert.ok(
      seen.delegated > 0 && seen.delegated < seen.total,
      `the histories held ${seen.delegated} delegated of ${seen.total} releases`,
    );
  });
});

async function lastId(registry: Address, publisher: Address): Promise<bigint> {
  const [page] = await chain.publicClient.readContract({
    address: registry,
    abi: imageRegistryAbi,
    functionName: "releasesByPublisher",
    args: [publisher, 0n, 1n],
  });
  const newest = page[0];
  assert.ok(newest !== undefined);
  return newest.id;
}

async function compare(registry: Address, published: Published[]): Promise<void> {
  const blockNumber = await chain.publicClient.getBlockNumber();
  const block = await chain.publicClient.getBlock({ blockNumber });
  const read = async (slot: Hex) =>
    BigInt((await chain.publicClient.getStorageAt({ address: registry, slot, blockNumber })) ?? "0x0");
  const state = new RegistryState(read);
  const view = <T>(functionName: string, args: readonly unknown[]) =>
    chain.publicClient.readContract({
      address: registry,
      abi: imageRegistryAbi,
      functionName: functionName as never,
      args: args as never,
      blockNumber,
    }) as Promise<T>;
  const publishers = chain.accounts.slice(1, 4) as Address[];
  for (let d = 1; d <= 5; d++) {
    const [, total] = await view<[unknown[], bigint]>("releasesByDigest", [digest(d), 0n, 0n]);
    assert.equal(await state.digestTotal(digest(d)), Number(total));
    for (const publisher of publishers) {
      const [releases] = await view<[{ id: bigint }[], bigint]>("releasesByPublisherAndDigest", [
        publisher,
        digest(d),
        0n,
        100n,
      ]);
      assert.deepEqual(
        await state.releaseIdsOf(publisher, digest(d)),
        releases.map((r) => r.id),
        `publisher ${publisher} digest ${d}`,
      );
    }
  }
  for (const publisher of publishers) {
    assert.equal(await state.nonce(publisher), await view<bigint>("nonces", [publisher]));
    for (const name of ["docker.io/acme/a:1", "docker.io/acme/b:1", "ghcr.io/x/y:2"]) {
      const [releases] = await view<[{ id: bigint }[], bigint]>("releasesByName", [publisher, name, 0n, 100n]);
      assert.deepEqual(
        await state.nameReleaseIds(publisher, name),
        releases.map((r) => r.id),
      );
    }
    for (const delegate of publishers) {
      const grant = await view<{ namePrefix: string; since: bigint; expiresAt: bigint; revokedAt: bigint }>(
        "delegation",
        [publisher, delegate],
      );
      const stored = await state.delegation(publisher, delegate);
      if (grant.expiresAt === 0n) assert.equal(stored, null);
      else
        assert.deepEqual(stored, {
          namePrefix: grant.namePrefix,
          since: grant.since,
          expiresAt: Number(grant.expiresAt),
          revokedAt: grant.revokedAt === 0n ? null : Number(grant.revokedAt),
        });
    }
  }
  for (const release of published) {
    const onChain = await view<{
      id: bigint;
      publisher: Address;
      signer: Address;
      publishedAt: bigint;
      revokedAt: bigint;
      blockNumber: bigint;
      valid: boolean;
    }>("getRelease", [release.id]);
    const stored = await state.release(release.id);
    assert.ok(stored !== null);
    assert.deepEqual(stored, {
      id: onChain.id,
      publisher: onChain.publisher,
      signer: onChain.signer === zeroAddress ? null : onChain.signer,
      publishedAt: Number(onChain.publishedAt),
      revokedAt: onChain.revokedAt === 0n ? null : Number(onChain.revokedAt),
      blockNumber: onChain.blockNumber,
    });
    assert.equal((await state.isValid(stored, Number(block.timestamp))).valid, onChain.valid);
    // Every valid release is bound to its true claim; a changed name or digest is not.
    if (onChain.valid)
      assert.equal(await state.bindsClaim(release.publisher, release.id, release.name, release.digests), true);
    assert.equal(await state.bindsClaim(release.publisher, release.id, `${release.name}x`, release.digests), false);
    const swapped = [release.digests[1], release.digests[0], release.digests[2], release.digests[3]] as const;
    if (swapped[0] !== swapped[1])
      assert.equal(await state.bindsClaim(release.publisher, release.id, release.name, swapped), false);
  }
  assert.equal(await state.release(123n << 32n), null);
}
