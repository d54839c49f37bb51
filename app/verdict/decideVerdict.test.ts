import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { RpcUnreachableError } from "../chain/errors.ts";
import { formatUnixTime } from "../chain/formatTime.ts";
import type { Problem } from "../image/report.ts";
import { itemAt } from "../image/util/itemAt.ts";
import { decideVerdict } from "./decideVerdict.ts";
import {
  ALICE,
  archive,
  BOB,
  claims,
  digest,
  evidence,
  image,
  MALLORY,
  NO_TRUST,
  plainFile,
  release,
  revocation,
} from "./test/builders.ts";
import type { Trust } from "./trust.ts";
import type { Evidence } from "./verdict.ts";

const trustAlice: Trust = { publishers: [ALICE], pins: [] };
const NAME = "docker.io/acme/api:1.4.2";
const api = image("api", { manifestDigest: digest("api manifest") });
const kinds = (items: Evidence[]) => items.map((i) => i.kind);
const only = <K extends Evidence["kind"]>(items: Evidence[], kind: K) =>
  items.filter((i): i is Extract<Evidence, { kind: K }> => i.kind === kind);

describe("decideVerdict: one intact image", () => {
  test("UNKNOWN when no release names any of its digests", () => {
    const result = decideVerdict({ report: archive([api]), evidence: evidence(), trust: trustAlice });
    const [target] = result.targets;
    assert.equal(result.word, "UNKNOWN");
    assert.equal(target?.unknownReason, "no-release");
    assert.equal(result.summary, "No release on this registry names this content's digests.");
    assert.deepEqual(kinds(target?.evidence ?? []), ["no-release"]);
    assert.deepEqual(only(target?.evidence ?? [], "no-release")[0]?.digests, [api.imageId, api.manifestDigest]);
  });

  test("VERIFIED by a trusted publisher's valid release of its imageId: who, which name, when, block, tx", () => {
    const r = release({ publisher: ALICE, name: NAME, imageId: api.imageId, id: 8589934593n });
    const result = decideVerdict({ report: archive([api]), evidence: evidence({ releases: [r] }), trust: trustAlice });
    const [target] = result.targets;
    assert.equal(result.word, "VERIFIED");
    assert.equal(target?.release, r);
    assert.deepEqual(target?.matched, ["imageId"]);
    assert.equal(
      result.summary,
      `Released by ${ALICE} (a publisher you trust) as ${NAME} on ${formatUnixTime(r.publishedAt)}.`,
    );
    const [first] = target?.evidence ?? [];
    assert.deepEqual(first && { kind: first.kind, tone: first.tone }, { kind: "verified-by", tone: "good" });
    assert.equal(
      first?.message,
      `Released by ${ALICE} as ${NAME} on ${formatUnixTime(r.publishedAt)} (release 2-1, block ${r.blockNumber}, tx ${r.transactionHash}), by imageId; a publisher you trust.`,
    );
  });

  test("VERIFIED by the manifestDigest alone, or by an index that lists it (outer indexes too)", () => {
    const nested = image("mp", {
      manifestDigest: digest("mp manifest"),
      indexDigest: digest("mp index"),
      indexChain: [digest("outer"), digest("mp index")],
    });
    for (const [field, value, kind] of [
      ["manifestDigest", nested.manifestDigest, "manifestDigest"],
      ["indexDigest", digest("mp index"), "indexDigest"],
      ["indexDigest", digest("outer"), "indexDigest"],
    ] as const) {
      const r = release({ publisher: ALICE, name: NAME, [field]: value });
      const target = decideVerdict({
        report: archive([nested]),
        evidence: evidence({ releases: [r] }),
        trust: trustAlice,
      }).targets[0];
      assert.equal(target?.word, "VERIFIED", `${field} ${value}`);
      assert.deepEqual(target?.matched, [kind]);
    }
  });

  test("UNTRUSTED when only strangers released it, listing them; never a pass", () => {
    const m = release({ publisher: MALLORY, name: NAME, imageId: api.imageId });
    const b = release({ publisher: BOB, name: "bob/api:1", manifestDigest: api.manifestDigest ?? null });
    for (const trust of [trustAlice, NO_TRUST]) {
      const result = decideVerdict({ report: archive([api]), evidence: evidence({ releases: [m, b] }), trust });
      assert.equal(result.word, "UNTRUSTED");
      assert.equal(
        result.summary,
        `Released only by publishers you do not trust: ${b.publisher} and ${m.publisher}. Anyone can publish any name; this is not a pass.`,
      );
      assert.deepEqual(kinds(result.targets[0]?.evidence ?? []), ["untrusted-release", "untrusted-release"]);
    }
    const noTrust = decideVerdict({ report: archive([api]), evidence: evidence({ releases: [m] }), trust: NO_TRUST });
    assert.match(
      noTrust.targets[0]?.evidence[0]?.message ?? "",
      /you do not trust this publisher \(you trust no publisher yet\)\.$/,
    );
  });

  test("REVOKED when the trusted publisher's releases naming it were all revoked — whoever else released it", () => {
    const r = release({ publisher: ALICE, name: NAME, imageId: api.imageId, revokedAt: 1_795_100_000 });
    const m = release({ publisher: MALLORY, name: NAME, imageId: api.imageId });
    const result = decideVerdict({
      report: archive([api]),
      evidence: evidence({ releases: [r, m], revocations: [revocation(r, "CVE-2026-1: leaked key")] }),
      trust: trustAlice,
    });
    assert.equal(result.word, "REVOKED");
    assert.equal(
      result.summary,
      `${ALICE} revoked its release of this image as ${NAME} on ${formatUnixTime(1_795_100_000)}: "CVE-2026-1: leaked key".`,
    );
    const target = result.targets[0];
    assert.equal(target?.release, r);
    assert.deepEqual(kinds(target?.evidence ?? []), ["revoked", "untrusted-release", "name-conflict"]);
    assert.equal(only(target?.evidence ?? [], "revoked")[0]?.revocation?.reason, "CVE-2026-1: leaked key");
  });

  test("VERIFIED when one trusted release is valid and an older one was revoked; both shown", () => {
    const old = release({ publisher: ALICE, name: NAME, imageId: api.imageId, revokedAt: 1_795_050_000 });
    const again = release({ publisher: ALICE, name: "docker.io/acme/api:1.4.2-r1", imageId: api.imageId });
    const target = decideVerdict({
      report: archive([api]),
      evidence: evidence({ releases: [old, again] }),
      trust: trustAlice,
    }).targets[0];
    assert.equal(target?.word, "VERIFIED");
    assert.equal(target?.release, again);
    assert.deepEqual(kinds(target?.evidence ?? []), ["verified-by", "revoked"]);
    assert.match(target?.evidence[1]?.message ?? "", /^Revoked on .* UTC — release by/);
  });
});

describe("decideVerdict: names and trust", () => {
  const r = release({ publisher: ALICE, name: "docker.io/fixture/multi:2.0", imageId: api.imageId });

  test("the requested name compares after normalization", () => {
    for (const name of ["fixture/multi:2.0", "docker.io/fixture/multi:2.0", "index.docker.io/fixture/multi:2.0"]) {
      const result = decideVerdict({
        report: archive([api]),
        evidence: evidence({ releases: [r] }),
        trust: trustAlice,
        requestedName: name,
      });
      assert.equal(result.word, "VERIFIED", name);
      assert.equal(result.requestedName, "docker.io/fixture/multi:2.0");
    }
  });

  test("a trusted release under another name than the one asked for is not a pass (UNTRUSTED, other-name)", () => {
    const result = decideVerdict({
      report: archive([api]),
      evidence: evidence({ releases: [r] }),
      trust: trustAlice,
      requestedName: "fixture/multi:latest",
    });
    assert.equal(result.word, "UNTRUSTED");
    assert.equal(
      result.summary,
      "A publisher you trust released it only as docker.io/fixture/multi:2.0, not as fixture/multi:latest.",
    );
    const withStranger = release({ publisher: MALLORY, name: "fixture/multi:2.0", imageId: api.imageId });
    const both = decideVerdict({
      report: archive([api]),
      evidence: evidence({ releases: [r, withStranger] }),
      trust: trustAlice,
      requestedName: "fixture/multi:latest",
    });
    assert.equal(
      both.summary,
      `A publisher you trust released it only as docker.io/fixture/multi:2.0, not as fixture/multi:latest; the others who released it (${MALLORY}) are not trusted. This is not a pass.`,
    );
    assert.deepEqual(kinds(result.targets[0]?.evidence ?? []), ["other-name"]);
  });

  test("a digest reference asks for the repository at a verified manifest or index digest", () => {
    const asked = `fixture/multi@${api.manifestDigest}`;
    assert.equal(
      decideVerdict({
        report: archive([api]),
        evidence: evidence({ releases: [r] }),
        trust: trustAlice,
        requestedName: asked,
      }).word,
      "VERIFIED",
    );
    assert.equal(
      decideVerdict({
        report: archive([api]),
        evidence: evidence({ releases: [r] }),
        trust: trustAlice,
        requestedName: `fixture/multi@${digest("other")}`,
      }).word,
      "UNTRUSTED",
    );
    assert.equal(
      decideVerdict({
        report: archive([api]),
        evidence: evidence({ releases: [r] }),
        trust: trustAlice,
        requestedName: `fixture/other@${api.manifestDigest}`,
      }).word,
      "UNTRUSTED",
    );
  });

  test("pins trust a publisher for one name only", () => {
    const pinned: Trust = { publishers: [], pins: [{ name: "fixture/multi:2.0", publisher: ALICE }] };
    const verified = decideVerdict({ report: archive([api]), evidence: evidence({ releases: [r] }), trust: pinned });
    assert.equal(verified.word, "VERIFIED");
    assert.equal(only(verified.targets[0]?.evidence ?? [], "verified-by")[0]?.trustedAs, "pin");
    assert.match(verified.summary, /\(the publisher you trust for this name\)/);
    const elsewhere = release({ publisher: ALICE, name: "fixture/other:1", imageId: api.imageId });
    const result = decideVerdict({
      report: archive([api]),
      evidence: evidence({ releases: [elsewhere] }),
      trust: pinned,
    });
    assert.equal(result.word, "UNTRUSTED");
    assert.equal(
      result.summary,
      "A publisher you trust released it only as fixture/other:1, a name you do not trust it for.",
    );
    assert.match(
      result.targets[0]?.evidence[0]?.message ?? "",
      /whom you trust for other names, released it as fixture\/other:1/,
    );
  });

  test("an old tag: the trusted publisher's current release of the name is another image", () => {
    const newer = release({ publisher: ALICE, name: r.name, imageId: digest("api v2 config") });
    const ev = evidence({ releases: [r], latest: [{ publisher: ALICE, name: r.name, release: newer }] });
    const target = decideVerdict({ report: archive([api]), evidence: ev, trust: trustAlice }).targets[0];
    assert.equal(target?.word, "VERIFIED");
    assert.match(target?.summary ?? "", /; a newer release of that name exists\.$/);
    const current = only(target?.evidence ?? [], "current-release")[0];
    assert.deepEqual([current?.tone, current?.release], ["warn", newer]);
    assert.match(
      current?.message ?? "",
      /has since released another image as docker\.io\/fixture\/multi:2\.0: imageId sha256:.{12}… on .* \(release 1-\d+\)\. This is an older release of that name\.$/,
    );
    // The same image published again is not "newer".
    const same = release({ publisher: ALICE, name: r.name, imageId: api.imageId });
    const again = decideVerdict({
      report: archive([api]),
      evidence: evidence({ releases: [r, same], latest: [{ publisher: ALICE, name: r.name, release: same }] }),
      trust: trustAlice,
    });
    assert.deepEqual(kinds(again.targets[0]?.evidence ?? []), ["verified-by", "also-verified-by"]);
  });

  test("asked for a name the trusted publisher released as another image: UNKNOWN, saying what the name is", () => {
    const theirs = release({ publisher: ALICE, name: "docker.io/acme/api:2.0", imageId: digest("real 2.0") });
    const ev = evidence({
      latest: [
        { publisher: ALICE, name: "acme/api:2.0", release: null },
        { publisher: ALICE, name: "docker.io/acme/api:2.0", release: theirs },
      ],
    });
    const target = decideVerdict({
      report: archive([api]),
      evidence: ev,
      trust: trustAlice,
      requestedName: "acme/api:2.0",
    }).targets[0];
    assert.equal(target?.word, "UNKNOWN");
    const current = only(target?.evidence ?? [], "current-release")[0];
    assert.equal(current?.tone, "bad");
    assert.match(
      current?.message ?? "",
      new RegExp(`^${ALICE}'s current release of docker\\.io/acme/api:2\\.0 is another image: imageId`),
    );
  });

  test("name conflicts: several publishers of one name, from the releases and from the log scan", () => {
    const mine = release({ publisher: ALICE, name: NAME, imageId: api.imageId });
    const copy = release({ publisher: MALLORY, name: "acme/api:1.4.2", imageId: api.imageId });
    const ev = evidence({
      releases: [mine, copy],
      nameClaims: claims([
        { name: NAME, publisher: ALICE, ids: [mine.id] },
        { name: NAME, publisher: BOB, ids: [77n] },
      ]),
    });
    const target = decideVerdict({ report: archive([api]), evidence: ev, trust: trustAlice }).targets[0];
    assert.equal(target?.word, "VERIFIED");
    const conflicts = only(target?.evidence ?? [], "name-conflict");
    assert.equal(conflicts.length, 1, "one name, however spelled");
    assert.deepEqual(conflicts[0]?.publishers, [
      { publisher: ALICE, trusted: true, releaseIds: [mine.id] },
      { publisher: MALLORY, trusted: false, releaseIds: [copy.id] },
      { publisher: BOB, trusted: false, releaseIds: [77n] },
    ]);
    assert.equal(
      conflicts[0]?.message,
      `3 publishers have published ${NAME}: ${ALICE} (trusted), ${MALLORY} and ${BOB}. Anyone can publish any name; only a publisher you trust counts.`,
    );
  });

  test("a name scan that could not read everything says so", () => {
    const mine = release({ publisher: ALICE, name: NAME, imageId: api.imageId });
    const gap = { fromBlock: 10n, toBlock: 20n, error: new RpcUnreachableError("http://rpc", null, "fetch failed") };
    const target = decideVerdict({
      report: archive([api]),
      evidence: evidence({ releases: [mine], nameClaims: claims([], [gap]) }),
      trust: trustAlice,
    }).targets[0];
    const item = only(target?.evidence ?? [], "scan-incomplete")[0];
    assert.match(
      item?.message ?? "",
      /^Other publishers of these names may be missing: blocks 10–20 \(The chain's RPC endpoint http:\/\/rpc did not answer/,
    );
  });

  test("a release naming the digest in another role does not count", () => {
    const confused = release({ publisher: ALICE, name: NAME, manifestDigest: api.imageId });
    const target = decideVerdict({
      report: archive([api]),
      evidence: evidence({ releases: [confused] }),
      trust: trustAlice,
    }).targets[0];
    assert.equal(target?.word, "UNKNOWN");
    assert.deepEqual(kinds(target?.evidence ?? []), ["no-release", "other-role"]);
  });
});

describe("decideVerdict: what the engine found", () => {
  const trusted = release({ publisher: ALICE, name: NAME, imageId: api.imageId });
  const diffIdMismatch: Problem = {
    code: "diffid-mismatch",
    message:
      "layer 2 (x/layer.tar) does not match the config's diff_id: expected sha256:ab54cdcbcd51…, found sha256:0000…",
    path: "x/layer.tar",
    expected: digest("a"),
    found: digest("b"),
    layerIndex: 1,
    imageId: api.imageId,
  };

  test("TAMPERED whatever the chain says: which layer, expected vs found; the releases only as unvouched", () => {
    const result = decideVerdict({
      report: archive([api], [diffIdMismatch]),
      evidence: evidence({ releases: [trusted] }),
      trust: trustAlice,
    });
    assert.equal(result.word, "TAMPERED");
    assert.equal(result.summary, `The archive was altered: ${diffIdMismatch.message}.`);
    assert.deepEqual(kinds(result.targets[0]?.evidence ?? []), ["tampering", "unvouched-release"]);
    const served = decideVerdict({
      report: archive([api], [diffIdMismatch], { format: "registry" }),
      evidence: evidence({ releases: [trusted] }),
      trust: trustAlice,
    });
    assert.equal(served.summary, `The registry serves altered content: ${diffIdMismatch.message}.`);
    assert.equal(only(result.targets[0]?.evidence ?? [], "unvouched-release")[0]?.trusted, true);
    assert.equal(result.targets[0]?.release, null);
    const revoked = release({ publisher: ALICE, name: NAME, imageId: api.imageId, revokedAt: 1_795_100_000 });
    const stranger = release({ publisher: MALLORY, name: NAME, imageId: api.imageId });
    const listed = only(
      decideVerdict({
        report: archive([api], [diffIdMismatch]),
        evidence: evidence({ releases: [revoked, stranger] }),
        trust: trustAlice,
      }).targets[0]?.evidence ?? [],
      "unvouched-release",
    );
    assert.deepEqual(
      listed.map((e) => [e.release.publisher, e.trusted]),
      [
        [ALICE, true],
        [MALLORY, false],
      ],
    );
  });

  test("archive-level tampering (no image named) makes every image TAMPERED", () => {
    const dup: Problem = {
      code: "duplicate-entry",
      message: '"manifest.json" appears 2 times',
      path: "manifest.json",
      count: 2,
    };
    const other = image("other");
    const result = decideVerdict({
      report: archive([api, other], [dup]),
      evidence: evidence({ releases: [trusted] }),
      trust: trustAlice,
    });
    assert.deepEqual(
      result.targets.map((t) => t.word),
      ["TAMPERED", "TAMPERED"],
    );
  });

  test("one image tampered, the other VERIFIED: the archive is TAMPERED and says which", () => {
    const other = image("other");
    const otherRelease = release({ publisher: ALICE, name: "acme/other:1", imageId: other.imageId });
    const result = decideVerdict({
      report: archive([api, other], [diffIdMismatch]),
      evidence: evidence({ releases: [trusted, otherRelease] }),
      trust: trustAlice,
    });
    assert.deepEqual(
      result.targets.map((t) => [t.label, t.word]),
      [
        ["image 1 of 2", "TAMPERED"],
        ["image 2 of 2", "VERIFIED"],
      ],
    );
    assert.equal(result.word, "TAMPERED");
    assert.match(result.summary, /^1 of 2 images VERIFIED; image 1 of 2 is TAMPERED: The archive was altered/);
  });

  test("unsupported (e.g. zstd layers) maps to UNKNOWN, cannot vouch — never VERIFIED, even with a trusted release", () => {
    const zstd: Problem = {
      code: "unsupported-compression",
      message: "layer 1 is zstd-compressed, which ImageSeal cannot check yet",
      path: "blobs/sha256/x",
      compression: "zstd",
      layerIndex: 0,
      imageId: api.imageId,
    };
    const result = decideVerdict({
      report: archive([api], [zstd]),
      evidence: evidence({ releases: [trusted] }),
      trust: trustAlice,
    });
    assert.equal(result.word, "UNKNOWN");
    assert.equal(result.targets[0]?.unknownReason, "cannot-vouch");
    assert.equal(result.summary, `ImageSeal cannot vouch for this content: ${zstd.message}.`);
    assert.deepEqual(kinds(result.targets[0]?.evidence ?? []), ["cannot-vouch", "unvouched-release"]);
  });

  test("an unreadable archive (no image) is UNKNOWN, cannot vouch", () => {
    const unreadable: Problem = {
      code: "unreadable-archive",
      message: "the archive cannot be read: truncated",
      reason: "truncated",
    };
    const result = decideVerdict({
      report: archive([], [unreadable], { format: "unknown" }),
      evidence: evidence(),
      trust: trustAlice,
    });
    assert.deepEqual(
      [result.word, result.targets[0]?.label, result.targets[0]?.unknownReason],
      ["UNKNOWN", "the archive", "cannot-vouch"],
    );
  });

  test("a plain file is VERIFIED by its archiveDigest, UNKNOWN without a release", () => {
    const file = plainFile("firmware bytes");
    const r = release({ publisher: ALICE, name: "acme-firmware-1.0.bin", archiveDigest: file.archiveDigest ?? null });
    const result = decideVerdict({
      report: file,
      evidence: evidence({ releases: [r] }),
      trust: trustAlice,
      requestedName: "acme-firmware-1.0.bin",
    });
    assert.deepEqual(
      [result.word, result.targets[0]?.label, result.targets[0]?.matched],
      ["VERIFIED", "the file", ["archiveDigest"]],
    );
    assert.equal(decideVerdict({ report: file, evidence: evidence(), trust: trustAlice }).word, "UNKNOWN");
    assert.equal(
      decideVerdict({
        report: file,
        evidence: evidence({ releases: [r] }),
        trust: trustAlice,
        requestedName: "acme-firmware-1.1.bin",
      }).word,
      "UNTRUSTED",
    );
  });
});

describe("decideVerdict: several images", () => {
  const platforms = ["linux/amd64", "linux/arm64", "linux/arm/v7"].map((p) =>
    image(p, {
      manifestDigest: digest(`${p} manifest`),
      indexDigest: digest("mp index"),
      platform: { os: "linux", architecture: itemAt(p.split("/"), 1) },
    }),
  );

  test("one release of the index verifies every platform of a multi-platform image", () => {
    const r = release({
      publisher: ALICE,
      name: "acme/mp:1",
      imageId: platforms[0]?.imageId ?? null,
      indexDigest: digest("mp index"),
    });
    const result = decideVerdict({
      report: archive(platforms),
      evidence: evidence({ releases: [r] }),
      trust: trustAlice,
      requestedName: "acme/mp:1",
    });
    assert.deepEqual(
      result.targets.map((t) => t.matched),
      [["imageId", "indexDigest"], ["indexDigest"], ["indexDigest"]],
    );
    assert.deepEqual([result.word, result.summary], ["VERIFIED", "All 3 images are VERIFIED."]);
    assert.equal(result.targets[1]?.label, "image 2 of 3 (linux/arm64)");
  });

  test("the overall word is the worst: TAMPERED, then REVOKED, UNTRUSTED, UNKNOWN", () => {
    const [a, b, c] = platforms as [typeof api, typeof api, typeof api];
    const revoked = release({ publisher: ALICE, name: "x", imageId: a.imageId, revokedAt: 1_795_100_000 });
    const stranger = release({ publisher: MALLORY, name: "y", imageId: b.imageId });
    const result = decideVerdict({
      report: archive([a, b, c]),
      evidence: evidence({ releases: [revoked, stranger] }),
      trust: trustAlice,
    });
    assert.deepEqual(
      result.targets.map((t) => t.word),
      ["REVOKED", "UNTRUSTED", "UNKNOWN"],
    );
    assert.equal(result.word, "REVOKED");
  });
});
