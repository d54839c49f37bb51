import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { type Address, createWalletClient, http, type WalletClient } from "viem";
import { itemAt } from "../image/util/itemAt.ts";
import { getRelease } from "./actions/getRelease.ts";
import { type PublishResult, publishRelease } from "./actions/publishRelease.ts";
import { publishReleaseBatch } from "./actions/publishReleaseBatch.ts";
import { revokeRelease } from "./actions/revokeRelease.ts";
import { type AppError, isAppError } from "./errors.ts";
import { formatReleaseId } from "./releaseId.ts";
import type { WritePhase } from "./runWrite.ts";
import { fakeWallet } from "./test/fakeWallet.ts";
import { imageRelease, startTestChain } from "./test/testChain.ts";

function phasesOf<T>() {
  const phases: WritePhase<T>[] = [];
  return { phases, onPhase: (phase: WritePhase<T>) => phases.push(phase), statuses: () => phases.map((p) => p.status) };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => assert.fail("expected a rejection"),
    (e: unknown) => e,
  );
  assert.ok(isAppError(error), `not an AppError: ${String(error)}`);
  return error;
}

describe("write actions", async () => {
  const chain = await startTestChain();
  after(() => chain.close());
  const { publicClient, registry } = chain;
  const as = (account: number) => ({ publicClient, walletClient: chain.wallet(account) });
  const [alice, bob] = chain.accounts as [Address, Address];

  test("publishRelease: simulating → awaiting-signature → pending → confirmed with the receipt and the release", async () => {
    const input = imageRelease("docker.io/acme/api:2.0", "api 2.0");
    const { phases, onPhase, statuses } = phasesOf<PublishResult>();
    const outcome = await publishRelease(as(0), registry, input, { onPhase });
    assert.deepEqual(statuses(), ["simulating", "awaiting-signature", "pending", "confirmed"]);
    assert.deepEqual(phases[2], { status: "pending", transactionHash: outcome.transactionHash });
    assert.deepEqual(phases[3], { status: "confirmed", ...outcome });
    assert.equal(outcome.receipt.status, "success");
    assert.deepEqual(outcome.releaseIds, [1n << 32n]);
    assert.deepEqual(outcome.releases, [await getRelease(publicClient, registry, 1n << 32n)]);
    assert.equal(outcome.releases[0]?.publisher, alice);
  });

  test("publishing the same release again fails in simulation, in words, and the wallet is never asked", async () => {
    const input = imageRelease("docker.io/acme/api:2.1", "api 2.1");
    const first = await publishRelease(as(0), registry, input);
    const wallet = fakeWallet(chain, alice);
    const { phases, onPhase, statuses } = phasesOf<PublishResult>();
    const error = await failure(
      publishRelease({ publicClient, walletClient: wallet.walletClient }, registry, input, { onPhase }),
    );
    assert.ok(error.kind === "contract-revert");
    assert.deepEqual(error.revert, { errorName: "ImageRegistryAlreadyPublished", args: [first.releaseIds[0]] });
    assert.equal(
      error.message,
      `You already published this exact release (id ${formatReleaseId(first.releaseIds[0] ?? 0n)}) and it is still valid. Nothing to do; to publish it again, revoke that release first.`,
    );
    assert.deepEqual(statuses(), ["simulating", "failed"]);
    assert.deepEqual(phases[1], { status: "failed", error, transactionHash: null });
    assert.deepEqual(wallet.sent, []);
  });

  test("two identical publishes racing into one block: the loser's revert is replayed into its reason", async () => {
    const input = imageRelease("docker.io/acme/race:1", "race");
    const secondTab = fakeWallet(chain, bob, { fixedGas: true });
    await chain.testClient.setAutomine(false);
    const pending: Promise<unknown>[] = [];
    try {
      for (const walletClient of [chain.wallet(1), secondTab.walletClient]) {
        await new Promise<void>((resolve, reject) => {
          const outcome = publishRelease({ publicClient, walletClient }, registry, input, {
            onPhase: (p) => p.status === "pending" && resolve(),
          });
          pending.push(
            outcome.then(
              (o) => o,
              (e: unknown) => e,
            ),
          );
          outcome.catch(reject);
        });
      }
      await chain.testClient.mine({ blocks: 1 });
    } finally {
      await chain.testClient.setAutomine(true);
    }
    const [winner, loser] = await Promise.all(pending);
    const id = (winner as { releaseIds: bigint[] }).releaseIds[0];
    assert.ok(isAppError(loser) && loser.kind === "contract-revert");
    assert.deepEqual(loser.revert, { errorName: "ImageRegistryAlreadyPublished", args: [id] });
  });

  test("publishReleaseBatch: one transaction, ids in input order; an empty batch is refused in words", async () => {
    const inputs = ["linux/amd64", "linux/arm64"].map((platform) => ({
      ...imageRelease("docker.io/acme/multi:1", platform),
      indexDigest: imageRelease("", "multi index").imageId,
    }));
    const outcome = await publishReleaseBatch(as(1), registry, inputs);
    assert.deepEqual(
      outcome.releases.map((r) => [r.imageId, r.indexDigest, r.publisher]),
      inputs.map((i) => [i.imageId, i.indexDigest, bob]),
    );
    assert.deepEqual(
      outcome.releaseIds,
      outcome.releases.map((r) => r.id),
    );
    assert.equal(new Set(outcome.releases.map((r) => r.transactionHash)).size, 1);
    const error = await failure(publishReleaseBatch(as(1), registry, []));
    assert.deepEqual(error.kind === "contract-revert" && error.revert, {
      errorName: "ImageRegistryEmptyBatch",
      args: [],
    });
  });

  test("revokeRelease: phases, then the release reads as revoked; others' and twice-revoked releases are refused in words", async () => {
    const { releaseIds } = await publishRelease(as(0), registry, imageRelease("docker.io/acme/api:2.2", "api 2.2"));
    const id = itemAt(releaseIds, 0);
    const notMine = await failure(revokeRelease(as(1), registry, id, "not mine"));
    assert.ok(notMine.kind === "contract-revert");
    assert.deepEqual(notMine.revert, { errorName: "ImageRegistryNotPublisher", args: [id, bob, alice] });
    assert.equal(
      notMine.message,
      `Only a release's publisher can revoke it: release ${formatReleaseId(id)} was published by ${alice}, and this transaction comes from ${bob}. Switch to the publisher's account.`,
    );
    const { statuses, onPhase } = phasesOf();
    const outcome = await revokeRelease(as(0), registry, id, "built from the wrong commit", { onPhase });
    assert.deepEqual(statuses(), ["simulating", "awaiting-signature", "pending", "confirmed"]);
    assert.deepEqual([outcome.releaseId, outcome.reason], [id, "built from the wrong commit"]);
    const release = await getRelease(publicClient, registry, id);
    assert.equal(
      release.revokedAt,
      Number((await publicClient.getBlock({ blockNumber: outcome.receipt.blockNumber })).timestamp),
    );
    const twice = await failure(revokeRelease(as(0), registry, id, "again"));
    assert.ok(twice.kind === "contract-revert");
    assert.deepEqual(twice.revert, {
      errorName: "ImageRegistryAlreadyRevoked",
      args: [id, BigInt(release.revokedAt as number)],
    });
    assert.match(
      twice.message,
      new RegExp(
        `^Release ${formatReleaseId(id)} was already revoked on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\. Nothing to do\\.$`,
      ),
    );
  });

  test("user-rejected: the wallet says no (EIP-1193 code 4001)", async () => {
    const wallet = fakeWallet(chain, alice, { reject: true });
    const { statuses, onPhase } = phasesOf<PublishResult>();
    const error = await failure(
      publishRelease(
        { publicClient, walletClient: wallet.walletClient },
        registry,
        imageRelease("docker.io/acme/no:1", "no"),
        { onPhase },
      ),
    );
    assert.equal(error.kind, "user-rejected");
    assert.equal(error.message, "You rejected the request in your wallet, so nothing was sent. Try again when ready.");
    assert.deepEqual(statuses(), ["simulating", "awaiting-signature", "failed"]);
    assert.deepEqual(wallet.sent, ["eth_sendTransaction"]);
  });

  test("wrong-chain: the wallet is on another chain; nothing is simulated or sent", async () => {
    const wallet = fakeWallet(chain, alice, { chainId: 1 });
    const error = await failure(
      publishRelease(
        { publicClient, walletClient: wallet.walletClient },
        registry,
        imageRelease("docker.io/acme/chain:1", "chain"),
      ),
    );
    assert.ok(error.kind === "wrong-chain");
    assert.deepEqual([error.expectedChainId, error.actualChainId], [31337, 1]);
    assert.equal(
      error.message,
      "Your wallet is on chain 1, but the registry is on chain 31337. Switch your wallet to chain 31337 and try again.",
    );
    assert.deepEqual(wallet.sent, []);
  });

  test("insufficient-funds: an account with no ether on this chain", async () => {
    const poor = itemAt(chain.accounts, 9);
    await chain.testClient.setBalance({ address: poor, value: 0n });
    const error = await failure(
      publishRelease(
        { publicClient, walletClient: chain.wallet(9) },
        registry,
        imageRelease("docker.io/acme/poor:1", "poor"),
      ),
    );
    assert.equal(error.kind, "insufficient-funds");
  });

  test("registry-missing: writing to an address without code is refused before simulating", async () => {
    const error = await failure(revokeRelease(as(0), bob, 1n, "x"));
    assert.ok(error.kind === "registry-missing");
    assert.deepEqual([error.address, error.chainId], [bob, 31337]);
  });

  test("invalid-input: a malformed digest is refused before the wallet opens", async () => {
    const { statuses, onPhase } = phasesOf<PublishResult>();
    const error = await failure(
      publishRelease(
        as(0),
        registry,
        { ...imageRelease("docker.io/acme/bad:1", "bad"), imageId: "sha256:1234" as never },
        { onPhase },
      ),
    );
    assert.equal(error.kind, "invalid-input");
    assert.equal(error.message, 'Not a sha256 digest: "sha256:1234". Check the value and try again.');
    assert.deepEqual(statuses(), ["simulating", "failed"]);
  });

  test("no-account: a wallet client without an account", async () => {
    const walletClient = createWalletClient({ chain: chain.chain, transport: http(chain.url) }) as WalletClient;
    const error = await failure(
      publishRelease({ publicClient, walletClient }, registry, imageRelease("docker.io/acme/none:1", "none")),
    );
    assert.equal(error.kind, "no-account");
  });
});
