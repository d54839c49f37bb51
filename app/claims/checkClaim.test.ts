// checkClaim against a real chain (signatures, EIP-1271, claimsOf) with the artifact in an
// in-memory registry and well-known files on a node:http server: every failure by name.
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { type Address, createPublicClient, getAddress, hashTypedData, http } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { addClaim } from "../chain/actions/addClaim.ts";
import { withdrawClaim } from "../chain/actions/withdrawClaim.ts";
import { deployMultisigWallet, multisigSignature } from "../chain/test/multisigWallet.ts";
import { closedPortUrl, startTestChain } from "../chain/test/testChain.ts";
import type { Digest } from "../image/digest.ts";
import { itemAt } from "../image/util/itemAt.ts";
import { type ClaimCheckDeps, checkClaim, checkPublisherClaims } from "./checkClaim.ts";
import { CLAIM_TAG, claimArtifactManifest, OCI_MANIFEST_MEDIA_TYPE, pushClaimArtifact } from "./claimArtifact.ts";
import type { ClaimCheck } from "./claimCheck.ts";
import { type SignedClaim, serializeClaimDocument } from "./claimDocument.ts";
import { parseClaimLocation } from "./claimLocation.ts";
import { claimTypedData } from "./claimTypedData.ts";
import { signClaim } from "./signClaim.ts";
import { startTestServer } from "./test/httpServer.ts";
import { MemoryRegistry } from "./test/memoryRegistry.ts";
import { WELL_KNOWN_PATH } from "./wellKnown.ts";

// Fixed keys, so a failing run replays exactly.
const publisher = privateKeyToAccount("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba");
const stranger = privateKeyToAccount("0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e");
const owners = [
  privateKeyToAccount("0x6c1d0b1f4e2a1f0b5c8b1a7e0a9d3c2b4e5f60718293a4b5c6d7e8f90a1b2c3d"),
  privateKeyToAccount("0x2f1e0d9c8b7a69584736251403f2e1d0c9b8a7968574635241302f1e0d9c8b7a"),
  privateKeyToAccount("0x5a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b"),
] as const;
const NOW = 1_800_000_000;
const ONE = { domain: "registry.test", path: "a/one" };
const TWO = { domain: "registry.test", path: "a/two" };

describe("checkClaim", async () => {
  const chain = await startTestChain();
  const server = await startTestServer();
  after(() => Promise.all([chain.close(), server.close()]));
  const registryAddress = chain.registry;
  const memory = new MemoryRegistry();
  const deps: ClaimCheckDeps = {
    client: chain.publicClient,
    registry: registryAddress,
    chainId: 31337,
    registryClient: memory,
    now: () => NOW,
  };
  const target = (scope: string) => ({ chainId: 31337, registry: registryAddress, scope });
  const check = (who: Address, location: string, withdrawnAt: number | null = null) =>
    checkClaim(deps, who, { location, withdrawnAt });
  const push = (repo: typeof ONE, claims: SignedClaim[]) =>
    pushClaimArtifact(memory, repo, serializeClaimDocument(claims));
  const failure = (check: ClaimCheck) => (check.status === "failed" ? [check.reason, check.message] : ["proven", ""]);

  test("a claim pushed to its repository by the publisher's key: proven, with the artifact's digest and URL", async () => {
    const digest = await push(ONE, [await signClaim(publisher, target("registry.test/a/one"))]);
    assert.deepEqual(await check(publisher.address, "oci://registry.test/a/one"), {
      status: "proven",
      publisher: publisher.address,
      location: { kind: "repository", scope: "registry.test/a/one", location: "oci://registry.test/a/one" },
      evidence: { url: `https://registry.test/v2/a/one/manifests/${digest}`, artifactDigest: digest },
      checkedAt: NOW,
    });
    assert.deepEqual(
      memory.calls.slice(-2).map((call) => call.split(" ")[0]),
      ["getManifest", "getBlob"],
    );
  });

  test("the same document copied into another repository grants nothing there: no claim for that scope", async () => {
    await push(TWO, [await signClaim(publisher, target("registry.test/a/one"))]);
    const [reason, message] = failure(await check(publisher.address, "oci://registry.test/a/two"));
    assert.equal(reason, "no-claim-for-publisher");
    assert.match(
      String(message),
      /holds no claim by 0x\w+ for registry\.test\/a\/two \(only for registry\.test\/a\/one: a claim counts only where its scope lives\)/,
    );
  });

  test("a document that names the publisher but was signed by another key: signature", async () => {
    const forged = { ...(await signClaim(stranger, target("registry.test/a/two"))), publisher: publisher.address };
    await push(TWO, [forged]);
    const [reason, message] = failure(await check(publisher.address, "oci://registry.test/a/two"));
    assert.equal(reason, "signature");
    assert.match(
      String(message),
      /is not 0x\w+'s: the document was altered or signed by another key\. It proves nothing\.$/,
    );
  });

  test("a claim signed for another chain or another registry: other-chain, other-registry", async () => {
    await push(TWO, [await signClaim(publisher, { ...target("registry.test/a/two"), chainId: 1 })]);
    assert.deepEqual(failure(await check(publisher.address, "oci://registry.test/a/two"))[0], "other-chain");
    const elsewhere = getAddress("0x000000000000000000000000000000000000bEEF");
    await push(TWO, [await signClaim(publisher, { ...target("registry.test/a/two"), registry: elsewhere })]);
    const [reason, message] = failure(await check(publisher.address, "oci://registry.test/a/two"));
    assert.equal(reason, "other-registry");
    assert.match(String(message), new RegExp(`for the registry ${elsewhere}, not ${registryAddress}\\.`));
  });

  test("no artifact under the tag: gone, and the registry's refusals by name", async () => {
    memory.deleteTag(TWO, CLAIM_TAG);
    const [reason, message] = failure(await check(publisher.address, "oci://registry.test/a/two"));
    assert.equal(reason, "gone");
    assert.match(String(message), /^The claim artifact registry\.test\/a\/two:imageseal-claim is gone: /);
    for (const [code, expected] of [
      ["unauthorized", "unauthorized"],
      ["forbidden", "unauthorized"],
      ["browser-blocked", "browser-blocked"],
      ["unreachable", "unreachable"],
      ["rate-limited", "unreachable"],
      ["digest-mismatch", "malformed"],
    ] as const) {
      memory.failWith = code;
      assert.equal(failure(await check(publisher.address, "oci://registry.test/a/one"))[0], expected, code);
    }
    memory.failWith = null;
  });

  test("a tag that holds something else, or a document that does not parse: malformed", async () => {
    const image = {
      schemaVersion: 2,
      mediaType: OCI_MANIFEST_MEDIA_TYPE,
      config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: `sha256:${"0".repeat(64)}`, size: 2 },
      layers: [],
    };
    await memory.putManifest(TWO, CLAIM_TAG, new TextEncoder().encode(JSON.stringify(image)), OCI_MANIFEST_MEDIA_TYPE);
    assert.match(
      String(failure(await check(publisher.address, "oci://registry.test/a/two"))[1]),
      /artifactType is not application\/vnd\.imageseal\.claims\.v1\+json: the tag imageseal-claim holds something else/,
    );
    const garbage = new TextEncoder().encode("{ not json");
    const digest: Digest = await memory.putBlob(TWO, garbage);
    await memory.putManifest(TWO, CLAIM_TAG, claimArtifactManifest(digest, garbage.length), OCI_MANIFEST_MEDIA_TYPE);
    assert.equal(failure(await check(publisher.address, "oci://registry.test/a/two"))[0], "malformed");
  });

  test("a location that does not parse is malformed, and a withdrawn claim is not fetched at all", async () => {
    const calls = memory.calls.length;
    const bad = await check(publisher.address, "oci://registry.test/a/one:1.0");
    assert.deepEqual(
      [bad.status, bad.location],
      [
        "failed",
        { kind: "repository", scope: "oci://registry.test/a/one:1.0", location: "oci://registry.test/a/one:1.0" },
      ],
    );
    assert.equal(failure(bad)[0], "malformed");
    assert.deepEqual(failure(await check(publisher.address, "oci://registry.test/a/one", 1_795_376_517)), [
      "withdrawn",
      `${publisher.address} withdrew its claim of registry.test/a/one on 2026-11-22 19:41:57 UTC.`,
    ]);
    assert.equal(
      failure(await check(publisher.address, "not a location", 1_795_376_517))[0],
      "withdrawn",
      "withdrawn whatever the location says",
    );
    assert.equal(memory.calls.length, calls);
  });

  test("a domain claim in the host's well-known file: proven for that host; a repository-scoped claim there proves nothing", async () => {
    const document = serializeClaimDocument([
      await signClaim(publisher, target(server.host)),
      await signClaim(stranger, target(`${server.host}/a/one`)),
    ]);
    server.routes.set(WELL_KNOWN_PATH, (_request, response) => response.writeHead(200).end(document));
    assert.deepEqual(await check(publisher.address, server.origin), {
      status: "proven",
      publisher: publisher.address,
      location: parseClaimLocation(server.origin),
      evidence: { url: `${server.origin}${WELL_KNOWN_PATH}`, artifactDigest: null },
      checkedAt: NOW,
    });
    assert.equal(failure(await check(stranger.address, server.origin))[0], "no-claim-for-publisher");
    assert.equal(
      failure(await check(stranger.address, `oci://${server.host}/a/one`))[0],
      "gone",
      "a repository claim lives in the repository, not in the file",
    );
  });

  test("a 2-of-3 multisig wallet (EIP-1271) as publisher: proven with two owners' signatures, signature with one", async () => {
    const wallet = await deployMultisigWallet(
      chain,
      owners.map((owner) => owner.address),
      2n,
    );
    const scope = "registry.test/org/api";
    const repo = { domain: "registry.test", path: "org/api" };
    const signed = async (signers: readonly (typeof owners)[number][]): Promise<SignedClaim> => ({
      publisher: wallet,
      scope,
      chainId: 31337,
      registry: registryAddress,
      signature: await multisigSignature(
        chain,
        wallet,
        hashTypedData(claimTypedData(31337, registryAddress, wallet, scope)),
        signers,
      ),
    });
    await push(repo, [await signed([owners[0], owners[2]])]);
    assert.equal((await check(wallet, `oci://${scope}`)).status, "proven");
    await push(repo, [await signed([owners[1]])]);
    assert.equal(failure(await check(wallet, `oci://${scope}`))[0], "signature");
  });

  test("a signature the chain cannot be asked about: unreachable, never a rejection", async () => {
    const offline = {
      ...deps,
      client: createPublicClient({ chain: chain.chain, transport: http(await closedPortUrl(), { retryCount: 0 }) }),
    };
    await push(TWO, [{ ...(await signClaim(stranger, target("registry.test/a/two"))), publisher: publisher.address }]);
    const result = await checkClaim(offline, publisher.address, {
      location: "oci://registry.test/a/two",
      withdrawnAt: null,
    });
    assert.equal(failure(result)[0], "unreachable");
    assert.match(String(failure(result)[1]), /^The chain could not be asked whether 0x\w+ signed the claim: /);
  });

  test("checkPublisherClaims: reads claimsOf and checks each claim not withdrawn, in order (a wallet client signs)", async () => {
    const account = chain.wallet(3);
    const clients = { publicClient: chain.publicClient, walletClient: account };
    const who = itemAt(chain.accounts, 3);
    const repo = { domain: "registry.test", path: "team/web" };
    await push(repo, [await signClaim(account, target("registry.test/team/web"))]);
    await addClaim(clients, registryAddress, "oci://registry.test/team/gone");
    await addClaim(clients, registryAddress, "oci://registry.test/team/old");
    await addClaim(clients, registryAddress, "oci://registry.test/team/web");
    await withdrawClaim(clients, registryAddress, 1);
    const checks = await checkPublisherClaims(deps, who);
    assert.deepEqual(
      checks.map((c) => [c.location.scope, c.status === "failed" ? c.reason : c.status]),
      [
        ["registry.test/team/gone", "gone"],
        ["registry.test/team/web", "proven"],
      ],
    );
    assert.deepEqual(await checkPublisherClaims(deps, stranger.address), []);
  });
});
