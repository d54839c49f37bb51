// Releases a delegate key published on a trusted publisher's behalf: they pass while the key's
// grant covers them, and say whose key it was; once the grant is revoked, expired or granted
// anew after them they are void (the contract's `valid`), which is never a pass.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { formatUnixTime } from "../chain/formatTime.ts";
import { decideVerdict } from "./decideVerdict.ts";
import { ALICE, archive, CI_KEY, delegation, digest, evidence, image, MALLORY, release } from "./test/builders.ts";
import type { Trust } from "./trust.ts";
import type { Evidence } from "./verdict.ts";

const trustAlice: Trust = { publishers: [ALICE], pins: [] };
const NAME = "ghcr.io/acme/api:1.4.2";
const api = image("api", { manifestDigest: digest("api manifest") });
const kinds = (items: Evidence[] | undefined) => (items ?? []).map((i) => i.kind);
const only = <K extends Evidence["kind"]>(items: Evidence[] | undefined, kind: K) =>
  (items ?? []).filter((i): i is Extract<Evidence, { kind: K }> => i.kind === kind);

describe("decideVerdict: delegated releases", () => {
  test("VERIFIED through a delegate key in force: the publisher and the key, both in full, in the summary and the evidence", () => {
    const r = release({ publisher: ALICE, signer: CI_KEY, name: NAME, imageId: api.imageId, id: 4294967296n });
    const result = decideVerdict({ report: archive([api]), evidence: evidence({ releases: [r] }), trust: trustAlice });
    assert.equal(result.word, "VERIFIED");
    assert.equal(
      result.summary,
      `Released by ${ALICE} (a publisher you trust) through delegate key ${CI_KEY} as ${NAME} on ${formatUnixTime(r.publishedAt)}.`,
    );
    const [verified] = only(result.targets[0]?.evidence, "verified-by");
    assert.equal(
      verified?.message,
      `Released by ${ALICE} through delegate key ${CI_KEY} as ${NAME} on ${formatUnixTime(r.publishedAt)} (release 1-0, block ${r.blockNumber}, tx ${r.transactionHash}), by imageId; a publisher you trust.`,
    );
  });

  test("a void delegated release is REVOKED, saying the key's delegation was revoked and when", () => {
    const r = release({ publisher: ALICE, signer: CI_KEY, name: NAME, imageId: api.imageId, valid: false });
    const grant = delegation({ publisher: ALICE, delegate: CI_KEY, revokedAt: 1_795_200_000, active: false });
    const result = decideVerdict({
      report: archive([api]),
      evidence: evidence({ releases: [r], delegations: [grant] }),
      trust: trustAlice,
    });
    assert.equal(result.word, "REVOKED");
    assert.equal(result.targets[0]?.release, r);
    const lapse = `the delegation of key ${CI_KEY} by ${ALICE} was revoked on ${formatUnixTime(1_795_200_000)}`;
    assert.equal(
      result.summary,
      `Published by ${ALICE} through delegate key ${CI_KEY} as ${NAME} on ${formatUnixTime(r.publishedAt)}, but not valid: ${lapse}.`,
    );
    const [item] = only(result.targets[0]?.evidence, "delegation-void");
    assert.deepEqual([item?.tone, item?.lapse, item?.delegation], ["bad", "revoked", grant]);
    assert.match(
      item?.message ?? "",
      new RegExp(`^Not valid: ${lapse} — release by ${ALICE} through delegate key ${CI_KEY} as `),
    );
  });

  test("expired, and granted again after the release: each said in its words", () => {
    const r = release({
      publisher: ALICE,
      signer: CI_KEY,
      name: NAME,
      imageId: api.imageId,
      valid: false,
      blockNumber: 120n,
    });
    const expired = delegation({ publisher: ALICE, delegate: CI_KEY, expiresAt: 1_795_300_000, active: false });
    const regranted = delegation({ publisher: ALICE, delegate: CI_KEY, since: 150n });
    const words = (grant: ReturnType<typeof delegation>) =>
      decideVerdict({
        report: archive([api]),
        evidence: evidence({ releases: [r], delegations: [grant] }),
        trust: trustAlice,
      });
    assert.match(
      words(expired).summary,
      new RegExp(
        `not valid: the delegation of key ${CI_KEY} by ${ALICE} expired on ${formatUnixTime(1_795_300_000)}\\.$`,
      ),
    );
    assert.equal(only(words(expired).targets[0]?.evidence, "delegation-void")[0]?.lapse, "expired");
    assert.match(
      words(regranted).summary,
      /was granted again after this release \(in block 150; the release is in block 120\), which does not bring the key's earlier releases back\.$/,
    );
    assert.equal(only(words(regranted).targets[0]?.evidence, "delegation-void")[0]?.lapse, "granted-again");
    // Without the grant read (more than the lookup cap), it is still not a pass, and says so plainly.
    const unread = decideVerdict({ report: archive([api]), evidence: evidence({ releases: [r] }), trust: trustAlice });
    assert.equal(unread.word, "REVOKED");
    assert.match(unread.summary, /not valid: the delegation of key .* no longer covers it\.$/);
  });

  test("a revoked delegated release says the key it was published through", () => {
    const r = release({ publisher: ALICE, signer: CI_KEY, name: NAME, imageId: api.imageId, revokedAt: 1_795_100_000 });
    const result = decideVerdict({ report: archive([api]), evidence: evidence({ releases: [r] }), trust: trustAlice });
    assert.equal(
      result.summary,
      `${ALICE} revoked its release of this image as ${NAME} (published through delegate key ${CI_KEY}) on ${formatUnixTime(1_795_100_000)}.`,
    );
    assert.deepEqual(kinds(result.targets[0]?.evidence), ["revoked"]);
  });

  test("a valid release by the publisher itself still passes beside a void delegated one, which is listed", () => {
    const own = release({ publisher: ALICE, name: NAME, imageId: api.imageId });
    const void_ = release({
      publisher: ALICE,
      signer: CI_KEY,
      name: NAME,
      manifestDigest: api.manifestDigest ?? null,
      valid: false,
    });
    const result = decideVerdict({
      report: archive([api]),
      evidence: evidence({ releases: [own, void_] }),
      trust: trustAlice,
    });
    assert.equal(result.word, "VERIFIED");
    assert.equal(result.targets[0]?.release, own);
    assert.deepEqual(kinds(result.targets[0]?.evidence), ["verified-by", "delegation-void"]);
  });

  test("a stranger's void delegated release reads as no longer valid", () => {
    const r = release({ publisher: MALLORY, signer: CI_KEY, name: NAME, imageId: api.imageId, valid: false });
    const result = decideVerdict({ report: archive([api]), evidence: evidence({ releases: [r] }), trust: trustAlice });
    assert.equal(result.word, "UNTRUSTED");
    assert.match(
      only(result.targets[0]?.evidence, "untrusted-release")[0]?.message ?? "",
      /and no longer valid \(its delegate key's grant lapsed\), by imageId; you do not trust this publisher\.$/,
    );
  });
});
