import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { ArchiveReport, ImageReport } from "../../image/report.ts";
import {
  claimedNameOf,
  publishBlocker,
  recordedName,
  releaseCandidates,
  releaseInputsFor,
  siblingsOf,
} from "./releaseCandidates.ts";

const digest = (c: string) => `sha256:${c.repeat(64)}` as const;

function image(imageId: string, extra: Partial<ImageReport> = {}): ImageReport {
  return {
    imageId: digest(imageId),
    configPath: null,
    claims: { repoTags: [], refNames: [], containerdNames: [] },
    names: [],
    layers: [],
    ...extra,
  };
}

function report(images: ImageReport[], extra: Partial<ArchiveReport> = {}): ArchiveReport {
  return {
    format: "oci-layout",
    compression: "none",
    size: 1,
    verdict: "intact",
    problems: [],
    notes: [],
    images,
    ...extra,
  };
}

describe("releaseCandidates", () => {
  it("offers a plain file as one release named by its sha256", () => {
    const candidates = releaseCandidates(report([], { format: "file", archiveDigest: digest("f") }));
    assert.deepEqual(releaseInputsFor(candidates, "tool.zip"), [
      { name: "tool.zip", imageId: null, manifestDigest: null, indexDigest: null, archiveDigest: digest("f") },
    ]);
  });

  it("offers one release per image, with its manifest and index digests", () => {
    const candidates = releaseCandidates(
      report([
        image("a", {
          manifestDigest: digest("m"),
          indexDigest: digest("i"),
          platform: { os: "linux", architecture: "amd64" },
          names: ["x:1"],
        }),
        image("b", {
          manifestDigest: digest("n"),
          indexDigest: digest("i"),
          platform: { os: "linux", architecture: "arm64" },
        }),
        image("c"),
      ]),
    );
    assert.equal(candidates.length, 3);
    const [amd64, , other] = candidates;
    assert.ok(amd64 && other);
    assert.deepEqual(
      siblingsOf(candidates, amd64).map(({ imageId }) => imageId),
      [digest("a"), digest("b")],
    );
    assert.deepEqual(siblingsOf(candidates, other), [other]);
    assert.equal(claimedNameOf(siblingsOf(candidates, amd64)), "x:1");
    assert.deepEqual(releaseInputsFor([amd64], "docker.io/x:1"), [
      {
        name: "docker.io/x:1",
        imageId: digest("a"),
        manifestDigest: digest("m"),
        indexDigest: digest("i"),
        archiveDigest: null,
      },
    ]);
  });

  it("skips an image whose config is missing", () => {
    assert.deepEqual(
      releaseCandidates(report([image("a"), { ...image("b"), imageId: null }])).map(({ imageId }) => imageId),
      [digest("a")],
    );
  });
});

describe("publishBlocker", () => {
  it("lets an intact archive through and refuses a tampered or unsupported one", () => {
    assert.equal(publishBlocker(report([image("a")])), null);
    assert.match(publishBlocker(report([image("a")], { verdict: "tampered" })) ?? "", /contradicts its own digests/);
    assert.match(publishBlocker(report([image("a")], { verdict: "unsupported" })) ?? "", /cannot vouch/);
  });
});

describe("recordedName", () => {
  it("spells an image name in full, the way Docker reads it", () => {
    assert.deepEqual(recordedName(" nginx ", true), { name: "docker.io/library/nginx:latest", problem: null });
    assert.deepEqual(recordedName("ghcr.io/acme/api:1.4.2", true), { name: "ghcr.io/acme/api:1.4.2", problem: null });
  });

  it("refuses text that is not an image reference, and keeps a file's name as typed", () => {
    assert.match(recordedName("Not An Image", true).problem ?? "", /not an image reference/);
    assert.deepEqual(recordedName("Tool v1.zip", false), { name: "Tool v1.zip", problem: null });
  });

  it("refuses a name with control, bidi or invisible characters, for a file as for an image", () => {
    for (const name of [
      "tool\u202Eexe.zip",
      "tool\x1b[31m.zip",
      "to\u200bol.zip",
      "tool\x9b.zip",
      "acme/api:1\u2066",
    ]) {
      for (const isImage of [false, true]) {
        assert.deepEqual(recordedName(name, isImage), {
          name,
          problem: `“${name}” holds control, bidi or invisible characters (marked in it): verifiers would read a name that is not what it looks like. Remove them.`,
        });
      }
    }
  });
});
