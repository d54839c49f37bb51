// The chain reads of a verification on a real chain: bounded whatever strangers publish (the
// same JSON-RPC requests with 0 and with many spam releases on the digest), strangers read
// only a page at a time, and delegated releases read with the grant that voids them.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import type { Address } from "viem";
import { publishRelease } from "../chain/actions/publishRelease.ts";
import { imageRegistryAbi } from "../chain/generated/imageRegistryAbi.ts";
import type { ReleaseInput } from "../chain/release.ts";
import { releaseInputToChain } from "../chain/releaseInput.ts";
import { countingClient, startTestChain } from "../chain/test/testChain.ts";
import type { ClaimCheck, ClaimLocation } from "../claims/claimCheck.ts";
import type { Digest } from "../image/digest.ts";
import { gatherEvidence, OTHERS_FIRST_PAGE } from "./gatherEvidence.ts";
import { listOtherReleases, loadOtherReleases } from "./otherReleases.ts";
import { archive, image } from "./test/builders.ts";
import { publishSpam, spamPublisher } from "./test/publishSpam.ts";
import type { Trust } from "./trust.ts";
import { verifyArchive } from "./verifyArchive.ts";

const tally = (methods: readonly string[]) =>
  Object.fromEntries([...new Set(methods)].sort().map((m) => [m, methods.filter((x) => x === m).length]));

describe("gatherEvidence on a real chain", async () => {
  const chain = await startTestChain();
  after(() => chain.close());
  const { publicClient } = chain;
  const registry = { registry: chain.registry, deployedOnBlock: chain.deployedOnBlock };
  const as = (account: number) => ({ publicClient, walletClient: chain.wallet(account) });
  const [alice, bob, , , , , ciKey] = chain.accounts as Address[] as [
    Address,
    Address,
    Address,
    Address,
    Address,
    Address,
    Address,
  ];
  const input = (name: string, imageId: Digest | null): ReleaseInput => ({
    name,
    imageId,
    manifestDigest: null,
    indexDigest: null,
    archiveDigest: null,
  });

  test("the same requests, method by method, with 0 and with 60 strangers' releases naming the digest under the same name", async () => {
    const api = image("bounded");
    await publishRelease(as(0), registry, input("docker.io/acme/bounded:1", api.imageId));
    const run = async () => {
      const { client, methods } = countingClient(chain);
      const result = await verifyArchive({
        client,
        registry,
        report: archive([api]),
        trust: { publishers: [alice], pins: [] },
        requestedName: "acme/bounded:1",
      });
      return { result, methods: tally(methods) };
    };
    const before = await run();
    await publishSpam(chain, {
      registry: chain.registry,
      count: 60,
      publishers: 3,
      name: "docker.io/acme/bounded:1",
      imageId: api.imageId as Digest,
      perTransaction: 10,
    });
    const afterSpam = await run();
    assert.deepEqual(afterSpam.methods, before.methods);
    assert.equal(afterSpam.result.word, "VERIFIED");
    const others = afterSpam.result.targets[0]?.evidence.find((e) => e.kind === "other-releases");
    assert.deepEqual(others?.kind === "other-releases" && others.counts.map((c) => [c.kind, c.total, c.unread]), [
      ["imageId", 61, 60],
    ]);
    const conflict = afterSpam.result.targets[0]?.evidence.find((e) => e.kind === "name-conflict");
    assert.match(
      conflict?.message ?? "",
      new RegExp(
        `^4 publishers have published docker\\.io/acme/bounded:1: ${alice} \\(trusted\\), ${spamPublisher(0)}, `,
      ),
    );
  });

  test("a target no trusted release names: the newest page of its digest is read, the rest counted", async () => {
    const lone = image("strangers only");
    await publishSpam(chain, {
      registry: chain.registry,
      count: OTHERS_FIRST_PAGE + 5,
      publishers: 2,
      name: "acme/lone:1",
      imageId: lone.imageId as Digest,
      perTransaction: 8,
    });
    const evidence = await gatherEvidence({
      client: publicClient,
      registry,
      report: archive([lone]),
      trust: { publishers: [alice], pins: [] },
      scanNames: false,
    });
    assert.equal(evidence.releases.length, OTHERS_FIRST_PAGE);
    assert.deepEqual(evidence.digestTotals, [{ digest: lone.imageId, total: OTHERS_FIRST_PAGE + 5 }]);
    const result = await verifyArchive({
      client: publicClient,
      registry,
      report: archive([lone]),
      trust: { publishers: [alice], pins: [] },
      scanNames: false,
    });
    assert.equal(result.word, "UNTRUSTED");
    assert.match(
      result.summary,
      new RegExp(
        `^Released only by publishers you do not trust: ${spamPublisher(1)} and ${spamPublisher(0)} \\(and at least 5 more releases, not read\\)\\.`,
      ),
    );
    // On demand: a page at a time, newest first, with the total; the trusted publisher's left out when asked.
    const page = await loadOtherReleases(publicClient, registry, lone.imageId as Digest, { offset: 10, limit: 10 });
    assert.deepEqual([page.total, page.releases.length, page.offset], [15, 5, 10]);
    // 15 releases, alternating: spamPublisher(0) has 8 of them.
    const listed = await listOtherReleases(
      publicClient,
      registry,
      lone.imageId as Digest,
      12,
      (r) => r.publisher === spamPublisher(1),
    );
    assert.deepEqual(
      [listed.total, listed.releases.length, listed.releases.every((r) => r.publisher === spamPublisher(0))],
      [15, 8, true],
    );
  });

  test("a release by a delegate key: VERIFIED through the key; once the grant is revoked, REVOKED with when", async () => {
    const ci = image("ci built");
    const write = async (
      account: Address,
      functionName: "authorizeDelegate" | "revokeDelegate" | "publishFor",
      args: readonly unknown[],
    ) => {
      const hash = await chain.wallet(chain.accounts.indexOf(account)).writeContract({
        address: chain.registry,
        abi: imageRegistryAbi,
        functionName,
        args: args as never,
        chain: chain.chain,
        account,
      });
      return publicClient.waitForTransactionReceipt({ hash });
    };
    const head = await publicClient.getBlock();
    await write(bob, "authorizeDelegate", [ciKey, "ghcr.io/bob/", head.timestamp + 86_400n]);
    await write(ciKey, "publishFor", [bob, [releaseInputToChain(input("ghcr.io/bob/api:1", ci.imageId))]]);
    const trust = { publishers: [bob], pins: [] };
    const verified = await verifyArchive({
      client: publicClient,
      registry,
      report: archive([ci]),
      trust,
      scanNames: false,
    });
    assert.equal(verified.word, "VERIFIED");
    assert.deepEqual([verified.targets[0]?.release?.publisher, verified.targets[0]?.release?.signer], [bob, ciKey]);
    assert.match(
      verified.summary,
      new RegExp(
        `^Released by ${bob} \\(a publisher you trust\\) through delegate key ${ciKey} as ghcr\\.io/bob/api:1 on `,
      ),
    );

    const revoked = await write(bob, "revokeDelegate", [ciKey]);
    const revokedAt = Number((await publicClient.getBlock({ blockNumber: revoked.blockNumber })).timestamp);
    const evidence = await gatherEvidence({
      client: publicClient,
      registry,
      report: archive([ci]),
      trust,
      scanNames: false,
    });
    assert.deepEqual(
      evidence.delegations.map((d) => [d.publisher, d.delegate, d.revokedAt, d.active]),
      [[bob, ciKey, revokedAt, false]],
    );
    const result = await verifyArchive({
      client: publicClient,
      registry,
      report: archive([ci]),
      trust,
      scanNames: false,
    });
    assert.equal(result.word, "REVOKED");
    assert.match(
      result.summary,
      new RegExp(
        `but not valid: the delegation of key ${ciKey} by ${bob} was revoked on \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC\\.$`,
      ),
    );
  });

  test("with a claim checker: a stranger proven to control the release's repository under a trusted scope is read and trusted", async () => {
    const repository = "127.0.0.1:5055/fixture/controlled";
    const ctl = image("controlled by bob");
    await publishRelease(as(1), registry, input(`${repository}:1`, ctl.imageId));
    const asked: Address[] = [];
    const recorded: ClaimLocation[] = [
      { kind: "repository", scope: repository, location: `oci://${repository}` },
      { kind: "domain", scope: "tracker.example", location: "https://tracker.example" },
    ];
    const claimChecker = async (
      publisher: Address,
      only?: (location: ClaimLocation) => boolean,
    ): Promise<ClaimCheck[]> => {
      asked.push(publisher);
      if (publisher.toLowerCase() !== bob.toLowerCase()) return [];
      fetched.push(...recorded.filter((location) => only === undefined || only(location)).map((l) => l.location));
      return recorded
        .filter((location) => only === undefined || only(location))
        .filter((location) => location.kind === "repository")
        .map((location) => ({
          status: "proven",
          publisher,
          location,
          evidence: {
            url: "http://127.0.0.1:5055/v2/fixture/controlled/manifests/imageseal-claim",
            artifactDigest: null,
          },
          checkedAt: 1,
        }));
    };
    const fetched: string[] = [];
    const verify = (trust: Trust, checker?: typeof claimChecker) =>
      verifyArchive({
        client: publicClient,
        registry,
        report: archive([ctl]),
        trust,
        scanNames: false,
        ...(checker ? { claimChecker: checker } : {}),
      });
    const scoped: Trust = { publishers: [], pins: [], namespaces: ["127.0.0.1:5055/fixture"] };
    assert.equal((await verify(scoped, claimChecker)).word, "VERIFIED");
    assert.deepEqual(asked, [bob]);
    assert.deepEqual(
      fetched,
      [`oci://${repository}`],
      "a stranger's claims are fetched only where they cover its release's repository",
    );
    assert.equal((await verify(scoped)).word, "UNTRUSTED", "no checker: no claim is read, the scope grants nothing");
    assert.equal(
      (await verify({ ...scoped, namespaces: ["127.0.0.1:5055/elsewhere"] }, claimChecker)).word,
      "UNTRUSTED",
    );
    // A stranger outside every trusted scope: its claims are not fetched (their hosts would learn who verifies).
    asked.length = 0;
    assert.equal((await verify({ publishers: [alice], pins: [] }, claimChecker)).word, "UNTRUSTED");
    assert.deepEqual(asked, []);
    // The publisher trusted by address: its claims are checked and shown (who it is).
    const shown = (await verify({ publishers: [bob], pins: [] }, claimChecker)).targets[0]?.evidence.find(
      (e) => e.kind === "publisher-claims",
    );
    assert.match(
      shown?.message ?? "",
      new RegExp(`^${bob} — proven controller of ${repository.replaceAll(".", "\\.")} `),
    );
    assert.equal(shown?.tone, "good");
  });
});
