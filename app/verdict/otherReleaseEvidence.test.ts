// Other publishers' releases of a target's digests are counted, not read: the verdict says
// how many were left unread, per digest, and never changes its word because of them.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Digest } from "../image/digest.ts";
import { decideVerdict } from "./decideVerdict.ts";
import { ALICE, archive, digest, evidence, image, MALLORY, plainFile, release } from "./test/builders.ts";
import type { Trust } from "./trust.ts";
import type { Evidence } from "./verdict.ts";

const trustAlice: Trust = { publishers: [ALICE], pins: [] };
const NAME = "docker.io/acme/api:1.4.2";
const api = image("api", { manifestDigest: digest("api manifest") });
const IMAGE_ID = api.imageId as Digest;
const MANIFEST = api.manifestDigest as Digest;
const kinds = (items: Evidence[] | undefined) => (items ?? []).map((i) => i.kind);
const only = <K extends Evidence["kind"]>(items: Evidence[] | undefined, kind: K) =>
  (items ?? []).filter((i): i is Extract<Evidence, { kind: K }> => i.kind === kind);

describe("decideVerdict: releases by other publishers, counted", () => {
  test("VERIFIED with 10,000 unread releases by others naming the imageId: one item with the number", () => {
    const mine = release({ publisher: ALICE, name: NAME, imageId: api.imageId });
    const totals = [
      { digest: IMAGE_ID, total: 10_001 },
      { digest: MANIFEST, total: 0 },
    ];
    const result = decideVerdict({
      report: archive([api]),
      evidence: evidence({ releases: [mine], digestTotals: totals }),
      trust: trustAlice,
    });
    assert.equal(result.word, "VERIFIED");
    assert.deepEqual(kinds(result.targets[0]?.evidence), ["verified-by", "other-releases"]);
    const [item] = only(result.targets[0]?.evidence, "other-releases");
    assert.equal(
      item?.message,
      `10,000 releases by other publishers name this image by its imageId ${IMAGE_ID.slice(0, 19)}… (not read: anyone can add to them, so they are listed on demand).`,
    );
    assert.deepEqual(item?.counts, [
      { digest: IMAGE_ID, kind: "imageId", total: 10_001, unread: 10_000 },
      { digest: MANIFEST, kind: "manifestDigest", total: 0, unread: 0 },
    ]);
    assert.deepEqual(result.digestTotals, totals);
  });

  test('several digests with unread releases, after a first page shown: "more", per digest', () => {
    const shown = release({
      publisher: MALLORY,
      name: NAME,
      imageId: api.imageId,
      manifestDigest: api.manifestDigest ?? null,
    });
    const totals = [
      { digest: IMAGE_ID, total: 1_235 },
      { digest: MANIFEST, total: 3 },
    ];
    const result = decideVerdict({
      report: archive([api]),
      evidence: evidence({ releases: [shown], digestTotals: totals }),
      trust: trustAlice,
    });
    assert.equal(result.word, "UNTRUSTED");
    assert.equal(
      result.summary,
      `Released only by publishers you do not trust: ${MALLORY} (and at least 1,234 more releases, not read). Anyone can publish any name; this is not a pass.`,
    );
    assert.deepEqual(kinds(result.targets[0]?.evidence), ["untrusted-release", "other-releases"]);
    assert.equal(
      only(result.targets[0]?.evidence, "other-releases")[0]?.message,
      `More releases by other publishers name this image (not read: anyone can add to them, so they are listed on demand): 1,234 by its imageId ${IMAGE_ID.slice(0, 19)}… and 2 by its manifestDigest ${MANIFEST.slice(0, 19)}….`,
    );
  });

  test("one unread release of a plain file, in the singular; none unread, no item", () => {
    const file = plainFile("firmware");
    const archiveDigest = file.archiveDigest as Digest;
    const mine = release({ publisher: ALICE, name: "fw.bin", archiveDigest });
    const one = decideVerdict({
      report: file,
      evidence: evidence({ releases: [mine], digestTotals: [{ digest: archiveDigest, total: 2 }] }),
      trust: trustAlice,
    });
    assert.equal(
      only(one.targets[0]?.evidence, "other-releases")[0]?.message,
      `1 release by other publishers names this file by its archiveDigest ${archiveDigest.slice(0, 19)}… (not read: anyone can add to them, so they are listed on demand).`,
    );
    const none = decideVerdict({
      report: file,
      evidence: evidence({ releases: [mine], digestTotals: [{ digest: archiveDigest, total: 1 }] }),
      trust: trustAlice,
    });
    assert.deepEqual(kinds(none.targets[0]?.evidence), ["verified-by"]);
  });

  test("releases exist but the page read names the digest only in another role: UNKNOWN, without claiming nobody named it", () => {
    const confused = release({ publisher: MALLORY, name: NAME, manifestDigest: api.imageId });
    const result = decideVerdict({
      report: archive([api]),
      evidence: evidence({ releases: [confused], digestTotals: [{ digest: IMAGE_ID, total: 40 }] }),
      trust: trustAlice,
    });
    assert.deepEqual([result.word, result.targets[0]?.unknownReason], ["UNKNOWN", "no-release"]);
    assert.equal(
      result.summary,
      "No release read names this content's digests in their role; more releases naming them were not read.",
    );
    assert.deepEqual(kinds(result.targets[0]?.evidence), ["other-role", "other-releases"]);
  });
});
