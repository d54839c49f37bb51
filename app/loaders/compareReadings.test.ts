import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareReadings } from "./compareReadings.ts";
import type { EngineSummary } from "./engineSummary.ts";
import type { LoaderReading } from "./reading.ts";

const BENIGN = { imageId: "sha256:aa", diffIds: ["sha256:d1", "sha256:d2"] };
const EVIL = { imageId: "sha256:ee", diffIds: ["sha256:d1", "sha256:d9"] };
const engine = (verdict: EngineSummary["verdict"], images = [BENIGN], problems: string[] = []): EngineSummary => ({
  verdict,
  format: "docker-archive",
  problems,
  images: images.map((i) => ({ ...i, indexDigests: [], manifestDigest: "sha256:m1" })),
});
const reading = (loader: LoaderReading["loader"], images: LoaderReading["images"], accepted = true): LoaderReading => ({
  loader,
  accepted,
  images,
});

describe("compareReadings", () => {
  it("finds no disagreement when every loader loaded the image the engine reported", () => {
    const c = compareReadings(
      engine("intact"),
      [reading("docker", [BENIGN]), reading("skopeo-oci-archive", [], false)],
      ["docker"],
    );
    assert.deepEqual(c, { engineIntact: true, disagreements: [], falseAlarm: null, refusedIntact: [] });
  });
  it("names the loader and image when a loader loads a config the engine did not report", () => {
    const c = compareReadings(engine("intact"), [reading("containerd", [BENIGN, EVIL])], ["containerd"]);
    assert.deepEqual(c.disagreements, [{ loader: "containerd", kind: "unreported-image", image: EVIL }]);
  });
  it("tells diff_ids that differ for the same config apart from an unknown config", () => {
    const c = compareReadings(
      engine("intact"),
      [reading("docker", [{ ...BENIGN, diffIds: ["sha256:d1"] }])],
      ["docker"],
    );
    assert.deepEqual(
      c.disagreements.map((d) => d.kind),
      ["diff-ids-differ"],
    );
  });
  it("flags an archive the engine read as a plain file while a loader loaded an image", () => {
    const c = compareReadings(engine("intact", []), [reading("skopeo-docker-archive", [BENIGN])], []);
    assert.deepEqual(
      c.disagreements.map((d) => d.kind),
      ["engine-saw-no-image"],
    );
  });
  it("flags a loader that used a manifest the engine did not hash", () => {
    const c = compareReadings(
      engine("intact"),
      [reading("skopeo-oci-archive", [{ ...BENIGN, manifestDigest: "sha256:m2" }])],
      ["skopeo-oci-archive"],
    );
    assert.deepEqual(
      c.disagreements.map((d) => d.kind),
      ["manifest-digest-differs"],
    );
  });
  it("ignores what a loader loaded when the engine refused the archive", () => {
    const c = compareReadings(
      engine("tampered", [BENIGN], ["duplicate-entry"]),
      [reading("docker", [EVIL])],
      ["docker"],
    );
    assert.deepEqual([c.disagreements, c.falseAlarm], [[], null]);
  });
  it("counts a false alarm only when every applicable loader accepted and loaded only engine images", () => {
    const refused = engine("tampered", [BENIGN], ["diffid-mismatch"]);
    const all = compareReadings(
      refused,
      [reading("docker", [BENIGN]), reading("containerd", [BENIGN])],
      ["docker", "containerd"],
    );
    assert.deepEqual(all.falseAlarm, {
      verdict: "tampered",
      problems: ["diffid-mismatch"],
      loaders: ["docker", "containerd"],
      category: "digest",
    });
    const oneRefused = compareReadings(
      refused,
      [reading("docker", [BENIGN]), reading("containerd", [], false)],
      ["docker", "containerd"],
    );
    assert.equal(oneRefused.falseAlarm, null);
    const byDesign = compareReadings(
      engine("tampered", [BENIGN], ["ambiguous-archive:json"]),
      [reading("docker", [BENIGN])],
      ["docker"],
    );
    assert.equal(byDesign.falseAlarm?.category, "by-design");
  });
  it("lists applicable loaders that refused what the engine called intact", () => {
    const c = compareReadings(
      engine("intact"),
      [reading("docker", [], false), reading("skopeo-oci-archive", [], false)],
      ["docker"],
    );
    assert.deepEqual(c.refusedIntact, ["docker"]);
  });
});
