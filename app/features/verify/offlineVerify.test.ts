// The page's offline path on a real chain: the bundle the page makes (makeBundleFor) and the
// verdict it decides from it (verifyOffline) against the online verdict for the same archive.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import type { Address } from "viem";
import { publishRelease } from "../../chain/actions/publishRelease.ts";
import { revokeRelease } from "../../chain/actions/revokeRelease.ts";
import { startTestChain } from "../../chain/test/testChain.ts";
import type { RegistryChain } from "../../config/chains.ts";
import type { ArchiveReport } from "../../image/report.ts";
import { hashPoolForSuite, inspectBytes } from "../../image/test/hashPoolForTests.ts";
import { itemAt } from "../../image/util/itemAt.ts";
import { BundleError, type BundleProblem } from "../../proofs/bundleError.ts";
import { type ProofBundle, parseProofBundle, serializeProofBundle } from "../../proofs/proofBundle.ts";
import type { Trust } from "../../verdict/trust.ts";
import type { VerificationResult } from "../../verdict/verdict.ts";
import { verifyArchive } from "../../verdict/verifyArchive.ts";
import { verifyOffline } from "./offlineVerify.ts";
import { makeBundleFor } from "./proofBundleDownload.ts";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../image/fixtures/${name}`, import.meta.url)));
/** What a reader sees of a verdict: the words and each piece of evidence's sentence. */
const seen = (result: VerificationResult) => ({
  word: result.word,
  summary: result.summary,
  targets: result.targets.map((t) => ({
    word: t.word,
    summary: t.summary,
    evidence: t.evidence.map((e) => e.message),
  })),
});
const refusedWith = (problem: BundleProblem) => (error: unknown) =>
  error instanceof BundleError && error.problem === problem;

describe("the Verify page's offline verification on a real chain", async () => {
  const pool = hashPoolForSuite();
  const chain = await startTestChain();
  after(() => chain.close());
  const registryChain: RegistryChain = {
    chain: chain.chain,
    rpcUrl: chain.url,
    registry: chain.registry,
    deployedOnBlock: chain.deployedOnBlock,
  };
  const [, alice, bob] = chain.accounts as [Address, Address, Address];
  const name = "docker.io/fixture/small:1.0";
  const trust: Trust = { publishers: [alice], pins: [] };
  const clients = { publicClient: chain.publicClient, walletClient: chain.wallet(1) };
  let report: ArchiveReport;
  let releaseId: bigint;
  let firstBundle: ProofBundle;
  const online = () =>
    verifyArchive({
      client: chain.publicClient,
      registry: registryChain,
      report,
      trust,
      requestedName: name,
      scanNames: false,
    });
  const bundleNow = async (forTrust = trust) =>
    parseProofBundle(
      serializeProofBundle(await makeBundleFor({ registryChain, report, trust: forTrust, requestedName: name })),
    );
  const offline = (bundle: ProofBundle, forTrust = trust) =>
    verifyOffline({
      report,
      bundle,
      trustedBlockHash: bundle.block.hash,
      registryChain,
      trust: forTrust,
      requestedName: name,
    });

  // The engine's report of a real archive, published by alice; the bundle made right after.
  before(async () => {
    report = await inspectBytes(pool(), fixture("docker20-save-small.tar"));
    const published = await publishRelease(clients, registryChain, {
      name,
      imageId: report.images[0]?.imageId ?? null,
      manifestDigest: null,
      indexDigest: null,
      archiveDigest: null,
    });
    releaseId = itemAt(published.releaseIds, 0);
    firstBundle = await bundleNow();
  });

  test("reads as the online verdict (without the name scan): VERIFIED, as of the bundle's block, covering the trusted publisher", async () => {
    const result = await offline(firstBundle);
    assert.equal(result.result.word, "VERIFIED");
    assert.deepEqual(seen(result.result), seen(await online()));
    assert.equal(result.blockNumber, await chain.publicClient.getBlockNumber());
    assert.deepEqual(result.uncoveredPublishers, []);
  });

  test("a trusted publisher the bundle was not made for is listed as uncovered", async () => {
    const both: Trust = { publishers: [alice, bob], pins: [] };
    const result = await offline(firstBundle, both);
    assert.equal(result.result.word, "VERIFIED");
    assert.deepEqual(result.uncoveredPublishers, [bob]);
  });

  test("after a revocation: a new bundle reads REVOKED as online, the old one still VERIFIED as of its block", async () => {
    await revokeRelease(clients, registryChain, releaseId, "rebuilt");
    const after = await offline(await bundleNow());
    assert.equal(after.result.word, "REVOKED");
    assert.deepEqual(seen(after.result), seen(await online()));
    const old = await offline(firstBundle);
    assert.equal(old.result.word, "VERIFIED");
    assert.ok(old.blockNumber < after.blockNumber);
  });

  test("refused: another registry, another chain, a hash the block does not have", async () => {
    const anchor = { report, bundle: firstBundle, trust, requestedName: name };
    await assert.rejects(
      verifyOffline({
        ...anchor,
        trustedBlockHash: firstBundle.block.hash,
        registryChain: { ...registryChain, registry: bob },
      }),
      refusedWith("wrong-registry"),
    );
    await assert.rejects(
      verifyOffline({
        ...anchor,
        trustedBlockHash: firstBundle.block.hash,
        registryChain: { ...registryChain, chain: { ...chain.chain, id: 1 } },
      }),
      refusedWith("wrong-chain"),
    );
    await assert.rejects(
      verifyOffline({ ...anchor, trustedBlockHash: firstBundle.block.parentHash, registryChain }),
      refusedWith("untrusted-block"),
    );
  });
});
