// Trust through control claims, decided purely from checks already made: a publisher counts
// only for names in the very repository (or host) its proven claim covers, and only under a
// scope the user trusts; a claim that failed, or covers another repository, grants nothing.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Address } from "viem";
import type { ClaimCheck } from "../claims/claimCheck.ts";
import { decideVerdict } from "./decideVerdict.ts";
import { ALICE, archive, digest, evidence, image, MALLORY, release } from "./test/builders.ts";
import type { Trust } from "./trust.ts";

const REPO = "127.0.0.1:5055/fixture/multi";
const api = image("controller api");

function proven(publisher: Address, kind: "repository" | "domain", scope: string): ClaimCheck {
  const location = kind === "repository" ? `oci://${scope}` : `http://${scope}`;
  const url =
    kind === "repository"
      ? `http://${scope.split("/")[0]}/v2/${scope.split("/").slice(1).join("/")}/manifests/imageseal-claim`
      : `${location}/.well-known/imageseal.json`;
  return {
    status: "proven",
    publisher,
    location: { kind, scope, location },
    evidence: { url, artifactDigest: kind === "repository" ? digest(`artifact ${scope}`) : null },
    checkedAt: 1_795_000_000,
  };
}

function failed(
  publisher: Address,
  scope: string,
  reason: "gone" | "signature" | "browser-blocked",
  message: string,
): ClaimCheck {
  return {
    status: "failed",
    publisher,
    location: { kind: "repository", scope, location: `oci://${scope}` },
    reason,
    message,
    checkedAt: 1_795_000_000,
  };
}

const byMallory = (name: string) => release({ publisher: MALLORY, name, imageId: api.imageId });
const trustScopes = (...namespaces: string[]): Trust => ({ publishers: [], pins: [], namespaces });

function decide(name: string, trust: Trust, checks: ClaimCheck[], requestedName: string | null = null) {
  return decideVerdict({
    report: archive([api]),
    evidence: evidence({ releases: [byMallory(name)], claims: checks }),
    trust,
    requestedName,
  });
}

describe("trust through proven control claims", () => {
  test("a proven claim on the release's own repository, under a trusted scope, reads VERIFIED and says so", () => {
    const result = decide(`${REPO}:2.0`, trustScopes(REPO), [proven(MALLORY, "repository", REPO)], `${REPO}:2.0`);
    assert.equal(result.word, "VERIFIED");
    const verified = result.targets[0]?.evidence[0];
    assert.equal(verified?.kind === "verified-by" && verified.trustedAs, "controller");
    assert.match(
      result.summary,
      new RegExp(
        `^Released by ${MALLORY} \\(proven controller of ${REPO.replaceAll(".", "\\.")} \\(artifact ${digest(`artifact ${REPO}`)}, checked now\\), which you trust\\)`,
      ),
    );
    assert.equal(result.trust.controllers, undefined, "the result keeps the user's trust, not what the claims added");
  });

  test("a claim proven in one repository grants nothing in another, nor in a sibling whose name extends it", () => {
    for (const name of [
      "127.0.0.1:5055/fixture/other:2.0",
      "127.0.0.1:5055/fixture/multi-evil:2.0",
      "127.0.0.1:5055/fixture/multi/sub:2.0",
    ]) {
      const result = decide(name, trustScopes("127.0.0.1:5055/fixture"), [proven(MALLORY, "repository", REPO)]);
      assert.equal(result.word, "UNTRUSTED", name);
    }
  });

  test("a trusted namespace counts a repository claim only for that repository's names", () => {
    assert.equal(
      decide(`${REPO}:2.0`, trustScopes("127.0.0.1:5055/fixture"), [proven(MALLORY, "repository", REPO)]).word,
      "VERIFIED",
    );
    assert.equal(
      decide(`${REPO}:2.0`, trustScopes("127.0.0.1:5055/other"), [proven(MALLORY, "repository", REPO)]).word,
      "UNTRUSTED",
    );
  });

  test("a proven claim with no trusted scope is shown, never trusted", () => {
    const result = decide(`${REPO}:2.0`, trustScopes(), [proven(MALLORY, "repository", REPO)]);
    assert.equal(result.word, "UNTRUSTED");
    const item = result.targets[0]?.evidence.find((e) => e.kind === "publisher-claims");
    assert.equal(item?.tone, "info");
    assert.match(item?.message ?? "", new RegExp(`^${MALLORY} — proven controller of `));
  });

  test("a claim that no longer checks out is shown as such and counts for nothing", () => {
    const result = decide(`${REPO}:2.0`, trustScopes(REPO), [failed(MALLORY, REPO, "gone", "the artifact is gone")]);
    assert.equal(result.word, "UNTRUSTED");
    const item = result.targets[0]?.evidence.find((e) => e.kind === "publisher-claims");
    assert.equal(item?.tone, "bad");
    assert.equal(item?.message, `${MALLORY} — claims ${REPO}, which does not check out now: the artifact is gone.`);
  });

  test("a claim that could not be checked from here is a warning, not an accusation", () => {
    const result = decide(`${REPO}:2.0`, trustScopes(REPO), [
      failed(MALLORY, REPO, "browser-blocked", "the registry does not allow browsers"),
    ]);
    assert.equal(result.word, "UNTRUSTED");
    assert.equal(result.targets[0]?.evidence.find((e) => e.kind === "publisher-claims")?.tone, "warn");
  });

  test("a domain claim covers every repository on that host, and no other host", () => {
    const checks = [proven(MALLORY, "domain", "localhost:5099")];
    assert.equal(decide("localhost:5099/team/app:1", trustScopes("localhost:5099"), checks).word, "VERIFIED");
    assert.equal(decide("localhost:5098/team/app:1", trustScopes("localhost:5098"), checks).word, "UNTRUSTED");
  });

  test("another publisher's proven claim does not make this publisher trusted", () => {
    assert.equal(decide(`${REPO}:2.0`, trustScopes(REPO), [proven(ALICE, "repository", REPO)]).word, "UNTRUSTED");
  });

  test("a revoked release by a proven controller reads REVOKED", () => {
    const revoked = release({
      publisher: MALLORY,
      name: `${REPO}:2.0`,
      imageId: api.imageId,
      revokedAt: 1_795_000_100,
    });
    const result = decideVerdict({
      report: archive([api]),
      evidence: evidence({ releases: [revoked], claims: [proven(MALLORY, "repository", REPO)] }),
      trust: trustScopes(REPO),
      requestedName: null,
    });
    assert.equal(result.word, "REVOKED");
  });
});
