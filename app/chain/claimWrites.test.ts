// The claim actions against a real chain: record, list, withdraw, and every refusal in words
// before the wallet is asked.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { Address } from "viem";
import { itemAt } from "../image/util/itemAt.ts";
import { addClaim } from "./actions/addClaim.ts";
import { getClaims } from "./actions/getClaims.ts";
import { withdrawClaim } from "./actions/withdrawClaim.ts";
import type { AppError } from "./errors.ts";
import type { WritePhase } from "./runWrite.ts";
import { failure } from "./test/appFailure.ts";
import { startTestChain } from "./test/testChain.ts";

function revertOf(error: AppError) {
  assert.equal(error.kind, "contract-revert", error.message);
  return error.kind === "contract-revert" ? error.revert : null;
}

describe("claim writes", async () => {
  const chain = await startTestChain();
  after(() => chain.close());
  const { publicClient, registry, deployedOnBlock } = chain;
  const registryRef = { registry, deployedOnBlock };
  const as = (account: number) => ({ publicClient, walletClient: chain.wallet(account) });
  const [acme, other] = chain.accounts as [Address, Address];
  const timeOf = async (blockNumber: bigint) => Number((await publicClient.getBlock({ blockNumber })).timestamp);

  test("addClaim: phases, the index and location from the ClaimAdded log, and getClaims lists it with its block's time", async () => {
    const phases: WritePhase<unknown>[] = [];
    const outcome = await addClaim(as(0), registryRef, "oci://ghcr.io/acme/api", { onPhase: (p) => phases.push(p) });
    assert.deepEqual(
      phases.map((p) => p.status),
      ["simulating", "awaiting-signature", "pending", "confirmed"],
    );
    assert.deepEqual([outcome.index, outcome.location], [0, "oci://ghcr.io/acme/api"]);
    const second = await addClaim(as(0), registryRef, "https://acme.com");
    assert.equal(second.index, 1);
    assert.deepEqual(await getClaims(publicClient, registryRef, acme), [
      {
        index: 0,
        location: "oci://ghcr.io/acme/api",
        addedAt: await timeOf(outcome.receipt.blockNumber),
        withdrawnAt: null,
      },
      { index: 1, location: "https://acme.com", addedAt: await timeOf(second.receipt.blockNumber), withdrawnAt: null },
    ]);
  });

  test("withdrawClaim: the claim stays listed with the withdrawal's time; another publisher's list is untouched", async () => {
    await addClaim(as(1), registryRef, "oci://ghcr.io/other/api");
    const outcome = await withdrawClaim(as(0), registryRef, 0);
    assert.equal(outcome.index, 0);
    const [first, second] = await getClaims(publicClient, registryRef, acme);
    assert.deepEqual(
      [first?.location, first?.withdrawnAt, second?.withdrawnAt],
      ["oci://ghcr.io/acme/api", await timeOf(outcome.receipt.blockNumber), null],
    );
    assert.deepEqual(
      (await getClaims(publicClient, registryRef, other)).map((c) => [c.location, c.withdrawnAt]),
      [["oci://ghcr.io/other/api", null]],
    );
  });

  test("withdrawClaim refuses a claim withdrawn already and an index not in the sender's own list, before the wallet", async () => {
    const phases: string[] = [];
    const again = await failure(withdrawClaim(as(0), registryRef, 0, { onPhase: (p) => phases.push(p.status) }));
    assert.deepEqual(revertOf(again), { errorName: "ImageRegistryClaimAlreadyWithdrawn", args: [acme, 0n] });
    assert.deepEqual(phases, ["simulating", "failed"]);
    assert.match(again.message, /claim number 0 was already withdrawn/);
    // acme has claims 0 and 1; other has only claim 0.
    const missing = await failure(withdrawClaim(as(1), registryRef, 1));
    assert.deepEqual(revertOf(missing), { errorName: "ImageRegistryClaimNotFound", args: [other, 1n] });
  });

  test("addClaim refuses an empty location and one over 256 bytes with their lengths", async () => {
    const empty = await failure(addClaim(as(0), registryRef, ""));
    assert.deepEqual(revertOf(empty), { errorName: "ImageRegistryClaimLocationInvalid", args: [0n] });
    const long = await failure(addClaim(as(0), registryRef, `https://${"a".repeat(249)}`));
    assert.deepEqual(revertOf(long), { errorName: "ImageRegistryClaimLocationInvalid", args: [257n] });
  });

  test("addClaim refuses a 33rd claim, withdrawn ones counted: ImageRegistryTooManyClaims with the limit", async () => {
    const publisher = itemAt(chain.accounts, 2);
    for (let i = 0; i < 32; i += 1) await addClaim(as(2), registryRef, `https://host-${i}.example`);
    await withdrawClaim(as(2), registryRef, 5);
    const error = await failure(addClaim(as(2), registryRef, "https://one-more.example"));
    assert.deepEqual(revertOf(error), { errorName: "ImageRegistryTooManyClaims", args: [publisher, 32n] });
    const claims = await getClaims(publicClient, registryRef, publisher);
    assert.deepEqual([claims.length, claims.filter((c) => c.withdrawnAt !== null).map((c) => c.index)], [32, [5]]);
  });

  test("getClaims: a publisher that never recorded one has none", async () => {
    assert.deepEqual(await getClaims(publicClient, registryRef, "0x000000000000000000000000000000000000dEaD"), []);
  });
});
