// Claims end to end with the real parts: a claim artifact pushed with RegistryClient into a
// real registry (CNCF distribution 2.8, Debian's docker-registry), the claim recorded on a
// real chain, a well-known file served over HTTP on 127.0.0.1, and checkPublisherClaims
// reading all of it back. Fails, never skips, where docker-registry is missing (.ci/run installs it).
import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { addClaim } from "../chain/actions/addClaim.ts";
import { startTestChain } from "../chain/test/testChain.ts";
import { nodeSha256 } from "../image/hash/nodeSha256.ts";
import { itemAt } from "../image/util/itemAt.ts";
import { RegistryClient } from "../registry/client.ts";
import { startLocalRegistry } from "../tools/localRegistry.ts";
import { type ClaimCheckDeps, checkClaim, checkPublisherClaims } from "./checkClaim.ts";
import { pushClaimArtifact, readClaimArtifact } from "./claimArtifact.ts";
import type { ClaimCheck } from "./claimCheck.ts";
import { serializeClaimDocument } from "./claimDocument.ts";
import { parseClaimLocation } from "./claimLocation.ts";
import { claimCovers } from "./scope.ts";
import { signClaim } from "./signClaim.ts";
import { startTestServer } from "./test/httpServer.ts";
import { WELL_KNOWN_PATH } from "./wellKnown.ts";

const reasonOf = (check: ClaimCheck) => (check.status === "failed" ? check.reason : check.status);

describe("claims against a real registry, chain and web server", async () => {
  const [chain, registry, web] = await Promise.all([
    startTestChain(),
    startLocalRegistry({ mode: "open" }),
    startTestServer(),
  ]);
  after(() => Promise.all([chain.close(), registry.stop(), web.close()]));
  const client = new RegistryClient({ sha256: nodeSha256, inBrowser: false });
  const wallet = chain.wallet(0);
  const stranger = chain.wallet(1);
  const publisher = itemAt(chain.accounts, 0);
  const clients = { publicClient: chain.publicClient, walletClient: wallet };
  const deps: ClaimCheckDeps = {
    client: chain.publicClient,
    registry: chain.registry,
    chainId: 31337,
    registryClient: client,
  };
  const repo = (path: string) => ({ domain: registry.domain, path });
  const target = (scope: string) => ({ chainId: 31337, registry: chain.registry, scope });
  const one = parseClaimLocation(`oci://${registry.domain}/a/one`);
  let pushed = "";

  test("a claim artifact pushed into a/one and recorded on chain checks out: proven, with the artifact's digest", async () => {
    const document = serializeClaimDocument([await signClaim(wallet, target(one.scope))]);
    pushed = await pushClaimArtifact(client, repo("a/one"), document);
    const read = await readClaimArtifact(client, repo("a/one"));
    assert.deepEqual([read.manifestDigest, read.document], [pushed, document]);
    await addClaim(clients, chain.registry, one.location);
    const [check] = await checkPublisherClaims(deps, publisher);
    assert.ok(check?.status === "proven", JSON.stringify(check));
    assert.deepEqual(
      [check.location, check.evidence],
      [one, { url: `${registry.url}/v2/a/one/manifests/${pushed}`, artifactDigest: pushed }],
    );
  });

  test("the same publisher's claim grants nothing in a/two: not covered, and the document copied there proves nothing", async () => {
    const [check] = await checkPublisherClaims(deps, publisher);
    assert.ok(check?.status === "proven");
    assert.equal(claimCovers(check.location, `${registry.domain}/a/one`), true);
    assert.equal(claimCovers(check.location, `${registry.domain}/a/two`), false);
    const copy = await readClaimArtifact(client, repo("a/one"));
    await pushClaimArtifact(client, repo("a/two"), copy.document);
    const two = await checkClaim(deps, publisher, { location: `oci://${registry.domain}/a/two`, withdrawnAt: null });
    assert.equal(reasonOf(two), "no-claim-for-publisher");
  });

  test("a document naming the publisher but signed by another key: signature", async () => {
    const forged = { ...(await signClaim(stranger, target(`${registry.domain}/a/three`))), publisher };
    await pushClaimArtifact(client, repo("a/three"), serializeClaimDocument([forged]));
    assert.equal(
      reasonOf(await checkClaim(deps, publisher, { location: `oci://${registry.domain}/a/three`, withdrawnAt: null })),
      "signature",
    );
  });

  test("a well-known file served by the host itself: proven for that host, covering its repositories only", async () => {
    const location = parseClaimLocation(web.origin);
    const document = serializeClaimDocument([await signClaim(wallet, target(location.scope))]);
    web.routes.set(WELL_KNOWN_PATH, (_request, response) =>
      response.writeHead(200, { "content-type": "application/json" }).end(document),
    );
    await addClaim(clients, chain.registry, location.location);
    const checks = await checkPublisherClaims(deps, publisher);
    assert.deepEqual(checks.map(reasonOf), ["proven", "proven"]);
    const domain = checks[1];
    assert.ok(domain?.status === "proven");
    assert.deepEqual(
      [domain.location, domain.evidence],
      [location, { url: `${web.origin}${WELL_KNOWN_PATH}`, artifactDigest: null }],
    );
    assert.equal(claimCovers(domain.location, `${web.host}/any/repo`), true);
    assert.equal(claimCovers(domain.location, `${registry.domain}/a/one`), false);
  });

  test("the artifact deleted from the registry: the claim is gone", async () => {
    await client.deleteManifest(repo("a/one"), pushed as `sha256:${string}`);
    const [check] = await checkPublisherClaims(deps, publisher);
    assert.equal(check === undefined ? "none" : reasonOf(check), "gone");
    assert.match(
      check?.status === "failed" ? check.message : "",
      /^The claim artifact 127\.0\.0\.1:\d+\/a\/one:imageseal-claim is gone: /,
    );
  });
});
