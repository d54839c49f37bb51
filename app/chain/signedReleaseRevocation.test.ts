// Revocations stick: a signature made before a revocation (or a cancellation) of its publisher
// cannot bring the revoked content back — refused by the app before the wallet opens, and by
// the contract when the revocation lands after the app's check.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { type Address, type Hex, parseGwei } from "viem";
import { simulateContract } from "viem/actions";
import { itemAt } from "../image/util/itemAt.ts";
import { getLatestValidRelease } from "./actions/getLatestValidRelease.ts";
import { getNameHistory } from "./actions/getNameHistory.ts";
import { getReleasesByPublisher } from "./actions/getReleasesByPublisher.ts";
import { publishRelease } from "./actions/publishRelease.ts";
import { revokeRelease } from "./actions/revokeRelease.ts";
import { signRelease } from "./actions/signRelease.ts";
import { submitSignedRelease } from "./actions/submitSignedRelease.ts";
import { toAppError } from "./errors.ts";
import { imageRegistryAbi } from "./generated/imageRegistryAbi.ts";
import { releaseInputToChain } from "./releaseInput.ts";
import { failure, problemOf } from "./test/appFailure.ts";
import { fakeWallet } from "./test/fakeWallet.ts";
import { imageRelease, startTestChain } from "./test/testChain.ts";
import { writeRegistry } from "./test/writeRegistry.ts";
import { validateSignedRelease } from "./validateSignedRelease.ts";

describe("signed releases after a revocation", async () => {
  const chain = await startTestChain();
  after(() => chain.close());
  const { publicClient, registry } = chain;
  const as = (account: number) => ({ publicClient, walletClient: chain.wallet(account) });
  const [, bob, carol, dave] = chain.accounts as [Address, Address, Address, Address];
  const inAnHour = async () => (await publicClient.getBlock()).timestamp + 3600n;
  const nonceOf = (publisher: Address) =>
    publicClient.readContract({ address: registry, abi: imageRegistryAbi, functionName: "nonces", args: [publisher] });

  test("sign → publish directly → revoke: the signed file is refused as stale by the app and by the contract, and the content stays revoked", async () => {
    const input = imageRelease("docker.io/acme/resurrect:1", "resurrect 1");
    const signed = await signRelease(as(2), registry, input, await inAnHour());
    assert.equal(signed.nonce, 0n);
    const { releaseIds } = await publishRelease(as(2), registry, input);
    const id = itemAt(releaseIds, 0);
    await revokeRelease(as(2), registry, id, "built from a compromised runner");
    assert.equal(await nonceOf(carol), 1n, "the revocation moved the nonce on");

    const stale = await failure(validateSignedRelease(publicClient, registry, signed));
    assert.equal(problemOf(stale), "stale-nonce");
    assert.equal(
      stale.message,
      "The publisher has revoked a release or cancelled its signatures since this was signed (nonce 0, now 1), which voided the signature: ask for a new signature.",
    );
    const submitter = fakeWallet(chain, bob);
    const statuses: string[] = [];
    const refused = await failure(
      submitSignedRelease({ publicClient, walletClient: submitter.walletClient }, registry, signed, {
        onPhase: (p) => statuses.push(p.status),
      }),
    );
    assert.equal(problemOf(refused), "stale-nonce");
    assert.deepEqual([statuses, submitter.sent], [["simulating", "failed"], []], "the wallet was never asked");

    // Without the app's checks, the contract says the same.
    const direct = await simulateContract(publicClient, {
      address: registry,
      abi: imageRegistryAbi,
      functionName: "publishBySig",
      args: [
        signed.publisher,
        signed.signer,
        releaseInputToChain(signed.release),
        signed.nonce,
        signed.deadline,
        signed.signature,
      ],
      account: bob,
    }).then(
      () => assert.fail("publishBySig accepted a stale signature"),
      (error: unknown) => toAppError(error, { subject: "publisher" }),
    );
    assert.ok(direct.kind === "contract-revert");
    assert.deepEqual(direct.revert, { errorName: "ImageRegistryStaleNonce", args: [0n, 1n] });
    assert.equal(
      direct.message,
      "The publisher has revoked a release or cancelled its signatures since this was signed (nonce 0, now 1), which voided the signature. Ask the publisher for a new signature.",
    );
    assert.equal(await getLatestValidRelease(publicClient, registry, carol, input.name), null);
  });

  test("the same sequence in one block, the submission checked before the revocation landed: the contract refuses it (ImageRegistryStaleNonce)", async () => {
    // dave registers first, so the id of his next release is known before it is mined.
    const warmUp = await publishRelease(as(3), registry, imageRelease("docker.io/acme/warm-up:1", "warm up"));
    const number = itemAt(warmUp.releaseIds, 0) >> 32n;
    const { total } = await getReleasesByPublisher(publicClient, registry, dave);
    const id = (number << 32n) | BigInt(total);
    const input = imageRelease("docker.io/acme/resurrect:2", "resurrect 2");
    const signed = await signRelease(as(3), registry, input, await inAnHour());
    const nonce = await nonceOf(dave);

    // dave's own transactions pay a higher tip, so the block orders them first.
    const fees = { gas: 500_000n, maxFeePerGas: parseGwei("100"), maxPriorityFeePerGas: parseGwei("10") };
    const daveWallet = chain.wallet(3);
    await chain.testClient.setAutomine(false);
    let submission: { settled: Promise<unknown> };
    let hashes: Hex[];
    try {
      const chainInput = releaseInputToChain(input);
      const publishHash = await daveWallet.writeContract({
        address: registry,
        abi: imageRegistryAbi,
        functionName: "publish",
        account: dave,
        chain: chain.chain,
        ...fees,
        args: [
          chainInput.name,
          chainInput.imageId,
          chainInput.manifestDigest,
          chainInput.indexDigest,
          chainInput.archiveDigest,
        ],
      });
      const revokeHash = await daveWallet.writeContract({
        address: registry,
        abi: imageRegistryAbi,
        functionName: "revoke",
        args: [id, "compromised"],
        account: dave,
        chain: chain.chain,
        ...fees,
      });
      hashes = [publishHash, revokeHash];
      // A wallet that estimated on the latest block: the app's checks pass there (nothing is published or revoked yet).
      const submitter = fakeWallet(chain, bob, { fixedGas: true });
      submission = await new Promise((resolve, reject) => {
        // Resolved with a wrapper: resolving with the promise itself would wait for it (and the block is not mined yet).
        const outcome = submitSignedRelease({ publicClient, walletClient: submitter.walletClient }, registry, signed, {
          onPhase: (p) => p.status === "pending" && resolve({ settled }),
        });
        const settled = outcome.then(
          () => null,
          (error: unknown) => error,
        );
        outcome.catch(reject);
      });
      await chain.testClient.mine({ blocks: 1 });
    } finally {
      await chain.testClient.setAutomine(true);
    }
    const receipts = await Promise.all(hashes.map((hash) => publicClient.waitForTransactionReceipt({ hash })));
    assert.deepEqual(
      receipts.map((r) => [r.status, r.transactionIndex]),
      [
        ["success", 0],
        ["success", 1],
      ],
    );
    const refused = toAppError(await submission.settled);
    assert.ok(refused.kind === "contract-revert", refused.message);
    assert.deepEqual(refused.revert, { errorName: "ImageRegistryStaleNonce", args: [nonce, nonce + 1n] });
    const history = await getNameHistory(publicClient, registry, dave, input.name);
    assert.deepEqual(
      history.releases.map((r) => [r.id, r.valid]),
      [[id, false]],
      "only the revoked direct release, nothing resurrected",
    );
  });

  test("invalidateNonces cancels outstanding signatures without a revocation; a signature for the new nonce works", async () => {
    const input = imageRelease("docker.io/acme/cancelled:1", "cancelled 1");
    const before = await signRelease(as(4), registry, input, await inAnHour());
    await writeRegistry(chain, 4, "invalidateNonces", [before.nonce + 5n]);
    const stale = await failure(validateSignedRelease(publicClient, registry, before));
    assert.equal(problemOf(stale), "stale-nonce");
    assert.match(stale.message, new RegExp(`\\(nonce ${before.nonce}, now ${before.nonce + 5n}\\)`));
    const fresh = await signRelease(as(4), registry, input, await inAnHour());
    assert.equal(fresh.nonce, before.nonce + 5n);
    const { releases } = await submitSignedRelease(as(1), registry, fresh);
    assert.deepEqual(
      releases.map((r) => [r.publisher, r.name, r.valid]),
      [[chain.accounts[4], input.name, true]],
    );
  });
});
