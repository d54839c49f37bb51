// Invariants over random archives, releases and trust: a pass needs a trusted, valid,
// matching release under the right name, and nothing a stranger publishes can change a word.
// Releases may be delegated (a signer key), and a delegated one may be void (its grant
// revoked, expired or granted anew): `valid` false without being revoked. Void never passes.
import assert from "node:assert/strict";
import { test } from "node:test";
import fc from "fast-check";
import type { Address } from "viem";
import type { Release } from "../chain/release.ts";
import type { Problem } from "../image/report.ts";
import { nameMatches } from "./classifyReleases.ts";
import { decideVerdict } from "./decideVerdict.ts";
import { matchedKinds, problemsOf } from "./targets.ts";
import { ALICE, archive, BOB, CI_KEY, digest, evidence, image, MALLORY, release } from "./test/builders.ts";
import { type Trust, trustBasis } from "./trust.ts";

const PUBLISHERS: Address[] = [ALICE, BOB];
const NAMES = ["acme/api:1", "docker.io/acme/api:1", "acme/api:2", "ghcr.io/acme/api:1"];
const IMAGES = ["a", "b", "c"].map((label) => image(label, { manifestDigest: digest(`${label} manifest`) }));

const releaseArb = fc.record({
  publisher: fc.constantFrom(...PUBLISHERS, MALLORY),
  name: fc.constantFrom(...NAMES),
  image: fc.nat({ max: 3 }),
  role: fc.constantFrom("imageId", "manifestDigest", "crossed"),
  revoked: fc.boolean(),
  /** Published through a delegate key, whose grant may have lapsed since. */
  delegated: fc.constantFrom("no", "in-force", "lapsed"),
});
const caseArb = fc.record({
  images: fc.uniqueArray(fc.nat({ max: 2 }), { minLength: 1, maxLength: 3 }),
  releases: fc.array(releaseArb, { maxLength: 6 }),
  trusted: fc.subarray(PUBLISHERS),
  pins: fc.array(fc.record({ name: fc.constantFrom(...NAMES), publisher: fc.constantFrom(...PUBLISHERS) }), {
    maxLength: 2,
  }),
  requestedName: fc.option(fc.constantFrom(...NAMES), { nil: null }),
  problem: fc.constantFrom("none", "tampered", "unsupported"),
});

type Case = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

function build(c: Case) {
  const images = c.images.map((i) => IMAGES[i] as (typeof IMAGES)[number]);
  let id = 1n;
  const releases: Release[] = c.releases.map((r) => {
    const target = IMAGES[r.image];
    const chosen = target ?? image("unpublished");
    const digests =
      r.role === "imageId"
        ? { imageId: chosen.imageId }
        : r.role === "manifestDigest"
          ? { manifestDigest: chosen.manifestDigest ?? null }
          : { manifestDigest: chosen.imageId };
    const signer = r.delegated === "no" ? null : CI_KEY;
    return release({
      id: id++,
      publisher: r.publisher,
      signer,
      name: r.name,
      ...digests,
      revokedAt: r.revoked ? 1_795_100_000 : null,
      valid: !r.revoked && r.delegated !== "lapsed",
    });
  });
  const first = images[0];
  const problems: Problem[] =
    c.problem === "tampered" && first
      ? [
          {
            code: "diffid-mismatch",
            message: "layer 1 differs",
            path: "l",
            expected: digest("x"),
            found: digest("y"),
            layerIndex: 0,
            imageId: first.imageId,
          },
        ]
      : c.problem === "unsupported" && first
        ? [
            {
              code: "unsupported-compression",
              message: "zstd",
              path: "l",
              compression: "zstd",
              layerIndex: 0,
              imageId: first.imageId,
            },
          ]
        : [];
  const trust: Trust = { publishers: c.trusted, pins: c.pins };
  return { report: archive(images, problems), releases, trust };
}

test("VERIFIED needs an intact target and a trusted, valid release matching its digests under the asked-for name", () => {
  fc.assert(
    fc.property(caseArb, (c) => {
      const { report, releases, trust } = build(c);
      const result = decideVerdict({ report, evidence: evidence({ releases }), trust, requestedName: c.requestedName });
      for (const t of result.targets) {
        const { tampered, unsupported } = problemsOf(t.target, report);
        if (tampered.length > 0) assert.equal(t.word, "TAMPERED");
        else if (unsupported.length > 0) assert.equal(t.word, "UNKNOWN");
        if (t.word !== "VERIFIED") continue;
        const r = t.release as Release;
        assert.equal(r.revokedAt, null);
        assert.equal(r.valid, true, "a void delegated release never passes");
        if (r.signer !== null) assert.match(t.summary, new RegExp(`through delegate key ${r.signer} `));
        assert.notEqual(trustBasis(trust, r.publisher, r.name), null);
        assert.ok(matchedKinds(t.target, r).length > 0);
        if (c.requestedName !== null) assert.ok(nameMatches(c.requestedName, r.name, t.target));
      }
      for (const t of result.targets) {
        // REVOKED stands on a trusted, matching release that the contract says is not valid.
        if (t.word !== "REVOKED") continue;
        const r = t.release as Release;
        assert.equal(r.valid, false);
        assert.notEqual(trustBasis(trust, r.publisher, r.name), null);
      }
      assert.equal(
        result.word === "VERIFIED",
        result.targets.every((t) => t.word === "VERIFIED"),
      );
      if (trust.publishers.length === 0 && trust.pins.length === 0)
        assert.ok(result.targets.every((t) => t.word !== "VERIFIED" && t.word !== "REVOKED"));
    }),
    { numRuns: 400 },
  );
});

test("a stranger's releases never change any word", () => {
  fc.assert(
    fc.property(
      caseArb,
      fc.array(
        releaseArb.map((r) => ({ ...r, publisher: MALLORY })),
        { minLength: 1, maxLength: 4 },
      ),
      (c, extra) => {
        const { report, releases, trust } = build(c);
        const withStrangers = build({ ...c, releases: [...c.releases, ...extra] }).releases;
        const words = (rs: Release[]) =>
          decideVerdict({
            report,
            evidence: evidence({ releases: rs }),
            trust,
            requestedName: c.requestedName,
          }).targets.map((t) => t.word);
        const before = words(releases);
        const after = words(withStrangers);
        // UNKNOWN (nothing named it) may become UNTRUSTED (a stranger named it); nothing else moves.
        before.forEach((word, i) => {
          assert.ok(after[i] === word || (word === "UNKNOWN" && after[i] === "UNTRUSTED"), `${word} → ${after[i]}`);
        });
      },
    ),
    { numRuns: 300 },
  );
});

test("making a trusted release void (its delegation lapsed) never turns a word into VERIFIED", () => {
  fc.assert(
    fc.property(caseArb, fc.nat(), (c, pick) => {
      if (c.releases.length === 0) return;
      const index = pick % c.releases.length;
      const lapsed = {
        ...c,
        releases: c.releases.map((r, i) => (i === index ? { ...r, delegated: "lapsed" as const } : r)),
      };
      const words = (k: Case) => {
        const { report, releases, trust } = build(k);
        return decideVerdict({
          report,
          evidence: evidence({ releases }),
          trust,
          requestedName: k.requestedName,
        }).targets.map((t) => t.word);
      };
      const before = words(c);
      words(lapsed).forEach((word, i) => {
        assert.ok(word !== "VERIFIED" || before[i] === "VERIFIED", `${before[i]} → ${word}`);
      });
    }),
    { numRuns: 300 },
  );
});
