// Every real archive in fixtures/ against the ground truth its tools gave (expected.json).
// Iterates over expected.json, so fixtures added later are covered without editing this.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { inspectArchive } from "../inspectArchive.ts";
import type { ArchiveFormat, ArchiveReport, ImageReport, Platform } from "../report.ts";
import { BlobSource } from "../source/blobSource.ts";
import { NodeFileSource } from "../source/nodeFileSource.ts";
import { EntryTable } from "../tar/entryTable.ts";
import { normalizeEntryPath, parentOf } from "../tar/entryPath.ts";
import { indexTar } from "../tar/indexTar.ts";
import { formatPlatform } from "../formats/platform.ts";
import { useHashPool } from "./hashPoolForTests.ts";

const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

interface ExpectedImage {
  imageId: string;
  diffIds: string[];
  manifestDigest?: string;
  indexDigest?: string;
  outerIndexDigest?: string;
  layerBlobDigests?: string[];
  platform?: Platform;
  names?: string[];
  refName?: string;
  repoTags?: string[];
  sourceImageId?: string;
  dockerDisplayedId?: string;
}

interface ExpectedArchive {
  producedBy: string;
  archiveSha256: string;
  innerTarSha256?: string;
  format: string;
  images: ExpectedImage[];
  intact: boolean;
  symlinks?: Record<string, string>;
  note?: string;
  layerMediaTypes?: string[];
  platformsAbsent?: Platform[];
  manifestJsonImageIds?: string[];
}

const ARCHIVE_KEYS = new Set(["producedBy", "archiveSha256", "innerTarSha256", "format", "images", "intact", "symlinks", "note", "layerMediaTypes", "platformsAbsent", "manifestJsonImageIds"]);
const IMAGE_KEYS = new Set(["imageId", "diffIds", "manifestDigest", "indexDigest", "outerIndexDigest", "layerBlobDigests", "platform", "names", "refName", "repoTags", "sourceImageId", "dockerDisplayedId"]);

const expected = JSON.parse(readFileSync(`${FIXTURES}expected.json`, "utf8")) as Record<string, ExpectedArchive>;

/** The layout as GNU tar lists it: an oracle independent of the engine's own tar reader. */
function layoutByGnuTar(file: string, gzip: boolean): ArchiveFormat {
  const listing = execFileSync("tar", [gzip ? "-tzf" : "-tf", `${FIXTURES}${file}`], { encoding: "utf8" }).split("\n").map((line) => line.replace(/^\.\//, ""));
  const oci = listing.includes("index.json") && listing.includes("oci-layout");
  const docker = listing.includes("manifest.json");
  return oci && docker ? "oci-layout+docker-manifest" : oci ? "oci-layout" : "docker-archive";
}

function findImage(report: ArchiveReport, want: ExpectedImage): ImageReport {
  const matches = report.images.filter((image) => image.imageId === want.imageId && (want.manifestDigest === undefined || image.manifestDigest === want.manifestDigest));
  assert.equal(matches.length, 1, `exactly one image ${want.imageId} in the report`);
  return matches[0] as ImageReport;
}

function checkImage(image: ImageReport, want: ExpectedImage, zstd: boolean): void {
  assert.deepEqual(image.layers.map((layer) => layer.diffId), want.diffIds, "diffIds declared by the config");
  if (zstd) {
    assert.ok(image.layers.every((layer) => layer.status === "unsupported" && layer.computed === null), "zstd layers are unsupported, not guessed");
  } else {
    assert.deepEqual(image.layers.map((layer) => layer.computed), want.diffIds, "diffIds recomputed from the layers");
    assert.ok(image.layers.every((layer) => layer.status === "ok"));
  }
  assert.equal(image.manifestDigest, want.manifestDigest, "manifestDigest");
  assert.equal(image.indexDigest, want.indexDigest, "indexDigest");
  if (want.outerIndexDigest !== undefined) assert.equal(image.indexChain?.[0], want.outerIndexDigest, "outer index digest");
  if (want.layerBlobDigests !== undefined) {
    assert.deepEqual(image.layers.map((layer) => layer.blobDigest ?? layer.computed), want.layerBlobDigests, "layer blob digests");
  }
  if (want.platform !== undefined) assert.deepEqual(image.platform, want.platform, "platform");
  if (want.names !== undefined) assert.deepEqual([...image.names].sort(), [...want.names].sort(), "names");
  if (want.refName !== undefined) assert.deepEqual(image.claims.refNames, [want.refName], "ref.name claim");
  if (want.repoTags !== undefined) assert.deepEqual(image.claims.repoTags, want.repoTags, "RepoTags claim");
  if (want.dockerDisplayedId !== undefined) assert.equal(image.manifestDigest, want.dockerDisplayedId, "Docker's displayed id is the manifest digest");
  if (want.sourceImageId !== undefined) assert.notEqual(image.imageId, want.sourceImageId, "a converted config is a new imageId");
}

function checkReport(file: string, spec: ExpectedArchive, report: ArchiveReport): void {
  const gzip = spec.innerTarSha256 !== undefined;
  const zstd = spec.layerMediaTypes?.some((type) => type.endsWith("+zstd")) ?? false;
  assert.equal(report.compression, gzip ? "gzip" : "none");
  assert.equal(report.format, layoutByGnuTar(file, gzip));
  assert.equal(report.archiveDigest, spec.archiveSha256);
  assert.equal(report.images.length, spec.images.length, "number of images");
  for (const want of spec.images) checkImage(findImage(report, want), want, zstd);
  if (spec.intact && !zstd) {
    assert.deepEqual(report.problems, []);
    assert.equal(report.verdict, "intact");
  }
  if (zstd) {
    assert.equal(report.verdict, "unsupported");
    assert.ok(report.problems.length > 0 && report.problems.every((p) => p.code === "unsupported-compression"));
  }
  if (spec.layerMediaTypes !== undefined) {
    assert.deepEqual(report.images.flatMap((image) => image.layers.map((layer) => layer.mediaType)), spec.layerMediaTypes);
  }
  const absent = report.notes.filter((note) => note.code === "absent-platform");
  assert.equal(absent.length, spec.platformsAbsent?.length ?? 0, "platforms named but absent");
  for (const platform of spec.platformsAbsent ?? []) assert.ok(absent.some((note) => note.message.includes(` ${formatPlatform(platform)} `)));
  if (spec.manifestJsonImageIds !== undefined) {
    const tagged = report.images.filter((image) => image.claims.repoTags.length > 0).map((image) => image.imageId);
    assert.deepEqual(tagged.sort(), [...spec.manifestJsonImageIds].sort(), "images named by manifest.json");
  }
}

describe("real archives match their tools' ground truth", () => {
  const pool = useHashPool();

  for (const [file, spec] of Object.entries(expected)) {
    test(`${file}`, async () => {
      assert.deepEqual(Object.keys(spec).filter((key) => !ARCHIVE_KEYS.has(key)), [], "expected.json fields this test knows how to check");
      for (const image of spec.images) assert.deepEqual(Object.keys(image).filter((key) => !IMAGE_KEYS.has(key)), []);
      // Node reads the file by positioned reads; the browser hands workers the File: both must agree.
      const source = await NodeFileSource.open(`${FIXTURES}${file}`);
      try {
        checkReport(file, spec, await inspectArchive(source, { hashPool: pool(), archiveDigest: true }));
      } finally {
        await source.close();
      }
      const blob = new Blob([readFileSync(`${FIXTURES}${file}`)]);
      checkReport(file, spec, await inspectArchive(blob, { hashPool: pool(), archiveDigest: true }));
    });

    if (spec.symlinks !== undefined && spec.innerTarSha256 === undefined) {
      test(`${file}: resolves the symlinks the tool wrote`, async () => {
        const table = new EntryTable(await indexTar(new BlobSource(new Blob([readFileSync(`${FIXTURES}${file}`)]))));
        for (const [link, target] of Object.entries(spec.symlinks ?? {})) {
          const resolved = table.lookup(link);
          const want = normalizeEntryPath(`${parentOf(link)}/${target}`);
          assert.ok(resolved.ok && want.ok, `${link} resolves`);
          assert.equal(resolved.path, want.path);
        }
      });
    }
  }
});
