// Proof bundles end to end on a real chain: made online at a block, checked offline against the
// block hash alone. Before and after a revocation; a delegated release whose key was revoked;
// and every way a bundle can be wrong — another block, chain or registry, a changed word, proof
// node, header field or release content, a word left out — refused with its own problem.

import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Address, Hex } from "viem";
import { imageRegistryAbi } from "../chain/generated/imageRegistryAbi.ts";
import type { ReleaseInput } from "../chain/release.ts";
import { releaseInputToChain } from "../chain/releaseInput.ts";
import { imageRelease, startTestChain, type TestChain } from "../chain/test/testChain.ts";
import type { Digest } from "../image/digest.ts";
import { BundleError, type BundleProblem } from "./bundleError.ts";
import { evidenceFromBundle } from "./bundleEvidence.ts";
import { makeProofBundle } from "./makeProofBundle.ts";
import { type ProofBundle, parseProofBundle, serializeProofBundle } from "./proofBundle.ts";
import { readProofBundle } from "./readProofBundle.ts";

let chain: TestChain;
let publisher: Address;
let delegate: Address;
let stranger: Address;
const api = imageRelease("docker.io/acme/api:1.0", "api 1.0");
const ci = imageRelease("docker.io/acme/worker:2", "worker 2");
const digestsOf = (r: ReleaseInput): Digest[] => [r.imageId, r.manifestDigest].filter((d): d is Digest => d !== null);

async function write(from: Address, functionName: string, args: readonly unknown[]): Promise<bigint> {
  const { request } = await chain.publicClient.simulateContract({
    address: chain.registry,
    abi: imageRegistryAbi,
    functionName: functionName as never,
    args: args as never,
    account: from,
  });
  const hash = await chain
    .wallet(chain.accounts.indexOf(from))
    .writeContract({ ...request, chain: chain.chain } as never);
  return (await chain.publicClient.waitForTransactionReceipt({ hash })).blockNumber;
}
const publishArgs = (r: ReleaseInput) => {
  const c = releaseInputToChain(r);
  return [c.name, c.imageId, c.manifestDigest, c.indexDigest, c.archiveDigest] as const;
};

async function bundleAt(blockNumber?: bigint): Promise<ProofBundle> {
  const made = await makeProofBundle({
    client: chain.publicClient,
    registry: chain.registry,
    publishers: [publisher],
    digests: [...digestsOf(api), ...digestsOf(ci)],
    names: [api.name],
    blockNumber,
  });
  return parseProofBundle(serializeProofBundle(made)); // every check runs on what a file gives back
}
const anchorOf = (bundle: ProofBundle) => ({
  blockHash: bundle.block.hash,
  chainId: chain.chain.id,
  registry: chain.registry,
});
const refusedWith = (problem: BundleProblem) => (error: unknown) =>
  error instanceof BundleError && error.problem === problem;

let publishedBlock: bigint;

before(async () => {
  chain = await startTestChain();
  [, publisher, delegate, stranger] = chain.accounts as [Address, Address, Address, Address];
  publishedBlock = await write(publisher, "publish", publishArgs(api));
  const now = (await chain.publicClient.getBlock()).timestamp;
  await write(publisher, "authorizeDelegate", [delegate, "docker.io/acme/", now + 86_400n]);
  await write(delegate, "publishFor", [publisher, [releaseInputToChain(ci)]]);
  // A stranger names the same digests: counted, never read.
  for (let i = 0; i < 3; i++)
    await write(stranger, "publish", publishArgs({ ...api, name: `docker.io/acme/api:fake${i}` }));
});
after(() => chain.close());

describe("proof bundles", () => {
  it("prove the publisher's valid releases, its delegated one and the digests' counts as of the block", async () => {
    const bundle = await bundleAt();
    const proved = readProofBundle(bundle, anchorOf(bundle));
    const { evidence, uncoveredPublishers } = await evidenceFromBundle(
      proved,
      [...digestsOf(api), ...digestsOf(ci)],
      [publisher],
      api.name,
    );
    assert.deepEqual(uncoveredPublishers, []);
    assert.deepEqual(
      evidence.releases.map((r) => [r.name, r.valid, r.signer]).sort(),
      [
        [api.name, true, null],
        [ci.name, true, delegate],
      ].sort(),
    );
    assert.deepEqual(
      evidence.digestTotals.map((t) => t.total),
      [4, 4, 1, 1],
    );
    assert.equal(evidence.latest.find((l) => l.name === api.name)?.release?.name, api.name);
    assert.equal(
      bundle.releases.some((r) => r.name.includes("fake")),
      false,
      "strangers' releases are not in the bundle",
    );
  });

  it("say revoked after the revocation, and still valid in a bundle made at an earlier block", async () => {
    const before = await bundleAt();
    const [id] = (
      await chain.publicClient.readContract({
        address: chain.registry,
        abi: imageRegistryAbi,
        functionName: "releasesByName",
        args: [publisher, api.name, 0n, 1n],
      })
    )[0].map((r) => r.id);
    await write(publisher, "revoke", [id, "key leaked"]);
    await write(publisher, "revokeDelegate", [delegate]);
    const afterRevoke = await bundleAt();
    const old = await bundleAt(BigInt(before.block.number));
    const read = async (bundle: ProofBundle) =>
      (
        await evidenceFromBundle(
          readProofBundle(bundle, anchorOf(bundle)),
          [...digestsOf(api), ...digestsOf(ci)],
          [publisher],
          api.name,
        )
      ).evidence;
    const now = await read(afterRevoke);
    assert.deepEqual(
      now.releases.map((r) => [r.name, r.valid, r.revokedAt !== null]).sort(),
      [
        [api.name, false, true],
        [ci.name, false, false],
      ].sort(),
    );
    assert.equal(now.revocations[0]?.reason, "key leaked");
    assert.equal(now.delegations[0]?.revokedAt !== null, true);
    assert.deepEqual(
      (await read(old)).releases.map((r) => r.valid),
      [true, true],
    );
    assert.ok(publishedBlock < BigInt(old.block.number));
  });

  it("refuse another block, chain or registry", async () => {
    const bundle = await bundleAt();
    const parent = await chain.publicClient.getBlock({ blockNumber: BigInt(bundle.block.number) - 1n });
    assert.throws(
      () => readProofBundle(bundle, { ...anchorOf(bundle), blockHash: parent.hash }),
      refusedWith("untrusted-block"),
    );
    assert.throws(() => readProofBundle(bundle, { ...anchorOf(bundle), chainId: 1 }), refusedWith("wrong-chain"));
    const { registry: other } = await chain.deployRegistry();
    assert.throws(
      () => readProofBundle(bundle, { ...anchorOf(bundle), registry: other }),
      refusedWith("wrong-registry"),
    );
    assert.throws(
      () => readProofBundle({ ...bundle, registry: other }, { ...anchorOf(bundle), registry: other }),
      refusedWith("proof-invalid"),
    );
  });

  it("refuse a changed header field, word, proof node or release, and a word left out", async () => {
    const bundle = await bundleAt();
    const anchor = anchorOf(bundle);
    assert.throws(
      () => readProofBundle({ ...bundle, block: { ...bundle.block, timestamp: "0x1" } }, anchor),
      refusedWith("untrusted-block"),
    );
    const word = bundle.storage.findIndex((w) => BigInt(w.value) !== 0n);
    const storage = (change: (w: ProofBundle["storage"][number]) => ProofBundle["storage"][number]) =>
      bundle.storage.map((w, i) => (i === word ? change(w) : w));
    assert.throws(
      () =>
        readProofBundle(
          { ...bundle, storage: storage((w) => ({ ...w, value: `0x${(BigInt(w.value) + 1n).toString(16)}` })) },
          anchor,
        ),
      refusedWith("proof-invalid"),
    );
    const flip = (node: Hex): Hex => `${node.slice(0, 10)}${node[10] === "0" ? "1" : "0"}${node.slice(11)}` as Hex;
    assert.throws(
      () =>
        readProofBundle(
          { ...bundle, storage: storage((w) => ({ ...w, proof: w.proof.map((n, i) => (i === 0 ? flip(n) : n)) })) },
          anchor,
        ),
      refusedWith("proof-invalid"),
    );
    assert.throws(
      () =>
        readProofBundle(
          { ...bundle, accountProof: bundle.accountProof.map((n, i) => (i === 1 ? flip(n) : n)) },
          anchor,
        ),
      refusedWith("proof-invalid"),
    );
    // A valid release whose bundled name is changed: storage no longer binds it.
    const fresh = imageRelease("docker.io/acme/api:3.0", "api 3.0");
    await write(publisher, "publish", publishArgs(fresh));
    const withFresh = parseProofBundle(
      serializeProofBundle(
        await makeProofBundle({
          client: chain.publicClient,
          registry: chain.registry,
          publishers: [publisher],
          digests: digestsOf(fresh),
        }),
      ),
    );
    const freshAnchor = anchorOf(withFresh);
    const honest = await evidenceFromBundle(
      readProofBundle(withFresh, freshAnchor),
      digestsOf(fresh),
      [publisher],
      null,
    );
    assert.deepEqual(
      honest.evidence.releases.map((r) => [r.name, r.valid]),
      [[fresh.name, true]],
    );
    const forged = {
      ...withFresh,
      releases: withFresh.releases.map((r) => ({ ...r, name: "docker.io/acme/api:latest" })),
    };
    await assert.rejects(
      evidenceFromBundle(readProofBundle(forged, freshAnchor), digestsOf(fresh), [publisher], null),
      refusedWith("forged-release"),
    );
    const swapped = {
      ...withFresh,
      releases: withFresh.releases.map((r) => ({ ...r, imageId: r.manifestDigest, manifestDigest: r.imageId })),
    };
    await assert.rejects(
      evidenceFromBundle(readProofBundle(swapped, freshAnchor), digestsOf(fresh), [publisher], null),
      refusedWith("forged-release"),
    );
    const digests = [...digestsOf(api), ...digestsOf(ci)];
    const lacking = { ...bundle, storage: bundle.storage.filter((_, i) => i !== word) };
    await assert.rejects(
      evidenceFromBundle(readProofBundle(lacking, anchor), digests, [publisher], api.name),
      refusedWith("incomplete"),
    );
    await assert.rejects(
      evidenceFromBundle(readProofBundle(bundle, anchor), [`sha256:${"ab".repeat(32)}`] as Digest[], [publisher], null),
      refusedWith("not-covered"),
    );
  });
});
