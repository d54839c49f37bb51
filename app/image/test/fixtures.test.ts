// Every real archive in fixtures/ against the ground truth its tools gave (expected.json).
// Iterates over expected.json, so fixtures added later are covered without editing this.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";
import { formatPlatform } from "../formats/platform.ts";
import { inspectArchive } from "../inspectArchive.ts";
import type { ArchiveFormat, ArchiveReport, ImageReport, Platform } from "../report.ts";
import { BlobSource } from "../source/blobSource.ts";
import { NodeFileSource } from "../source/nodeFileSource.ts";
import { normalizeEntryPath, parentOf } from "../tar/entryPath.ts";
import { EntryTable } from "../tar/entryTable.ts";
import { indexTar } from "../tar/indexTar.ts";
import { itemAt } from "../util/itemAt.ts";
import { hashPoolForSuite } from "./hashPoolForTests.ts";

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
  /** The platform an index claims for this image when it differs from the config's (a note, not tampering). */
  platformClaim?: Platform;
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
  /** gzip members in each layer blob (more than one: written by bgzip). */
  layerGzipMembers?: number[];
  /** gzip members in the archive itself (a .tar.gz). */
  gzipMembers?: number;
}

const ARCHIVE_KEYS = new Set([
  "producedBy",
  "archiveSha256",
  "innerTarSha256",
  "format",
  "images",
  "intact",
  "symlinks",
  "note",
  "layerMediaTypes",
  "platformsAbsent",
  "manifestJsonImageIds",
  "layerGzipMembers",
  "gzipMembers",
]);
const IMAGE_KEYS = new Set([
  "imageId",
  "diffIds",
  "manifestDigest",
  "indexDigest",
  "outerIndexDigest",
  "layerBlobDigests",
  "platform",
  "names",
  "refName",
  "repoTags",
  "sourceImageId",
  "dockerDisplayedId",
  "platformClaim",
]);

const expected = JSON.parse(readFileSync(`${FIXTURES}expected.json`, "utf8")) as Record<string, ExpectedArchive>;

/** The layout as GNU tar lists it: an oracle independent of the engine's own tar reader. */
function layoutByGnuTar(file: string, gzip: boolean): ArchiveFormat {
  const listing = execFileSync("tar", [gzip ? "-tzf" : "-tf", `${FIXTURES}${file}`], { encoding: "utf8" })
    .split("\n")
    .map((line) => line.replace(/^\.\//, ""));
  const oci = listing.includes("index.json") && listing.includes("oci-layout");
  const docker = listing.includes("manifest.json");
  return oci && docker ? "oci-layout+docker-manifest" : oci ? "oci-layout" : "docker-archive";
}

/** gzip members, counted with zlib alone (where each DEFLATE stream ends): an oracle apart from the engine's reader. */
function countGzipMembers(bytes: Uint8Array): number {
  let count = 0;
  for (let at = 0; at < bytes.length; count++) {
    const flags = itemAt(bytes, at + 3);
    let body = at + 10;
    if (flags & 0x04) body += 2 + (itemAt(bytes, body) | (itemAt(bytes, body + 1) << 8));
    for (const flag of [0x08, 0x10]) if (flags & flag) body = bytes.indexOf(0, body) + 1;
    if (flags & 0x02) body += 2;
    const { engine } = inflateRawSync(bytes.subarray(body), { info: true }) as unknown as {
      engine: { bytesWritten: number };
    };
    at = body + engine.bytesWritten + 8;
  }
  return count;
}

/** An entry's bytes as GNU tar extracts them. */
function entryByGnuTar(file: string, path: string): Uint8Array {
  return execFileSync("tar", ["-xOf", `${FIXTURES}${file}`, path], { maxBuffer: 64 * 1024 * 1024 });
}

function findImage(report: ArchiveReport, want: ExpectedImage): ImageReport {
  const matches = report.images.filter(
    (image) =>
      image.imageId === want.imageId &&
      (want.manifestDigest === undefined || image.manifestDigest === want.manifestDigest),
  );
  assert.equal(matches.length, 1, `exactly one image ${want.imageId} in the report`);
  return itemAt(matches, 0);
}

function checkImage(image: ImageReport, want: ExpectedImage, zstd: boolean): void {
  assert.deepEqual(
    image.layers.map((layer) => layer.diffId),
    want.diffIds,
    "diffIds declared by the config",
  );
  if (zstd) {
    assert.ok(
      image.layers.every((layer) => layer.status === "unsupported" && layer.computed === null),
      "zstd layers are unsupported, not guessed",
    );
  } else {
    assert.deepEqual(
      image.layers.map((layer) => layer.computed),
      want.diffIds,
      "diffIds recomputed from the layers",
    );
    assert.ok(image.layers.every((layer) => layer.status === "ok"));
  }
  assert.equal(image.manifestDigest, want.manifestDigest, "manifestDigest");
  assert.equal(image.indexDigest, want.indexDigest, "indexDigest");
  if (want.outerIndexDigest !== undefined)
    assert.equal(image.indexChain?.[0], want.outerIndexDigest, "outer index digest");
  if (want.layerBlobDigests !== undefined) {
    assert.deepEqual(
      image.layers.map((layer) => layer.blobDigest ?? layer.computed),
      want.layerBlobDigests,
      "layer blob digests",
    );
  }
  if (want.platform !== undefined) assert.deepEqual(image.platform, want.platform, "platform");
  if (want.names !== undefined) assert.deepEqual([...image.names].sort(), [...want.names].sort(), "names");
  if (want.refName !== undefined) assert.deepEqual(image.claims.refNames, [want.refName], "ref.name claim");
  if (want.repoTags !== undefined) assert.deepEqual(image.claims.repoTags, want.repoTags, "RepoTags claim");
  if (want.dockerDisplayedId !== undefined)
    assert.equal(image.manifestDigest, want.dockerDisplayedId, "Docker's displayed id is the manifest digest");
  if (want.sourceImageId !== undefined)
    assert.notEqual(image.imageId, want.sourceImageId, "a converted config is a new imageId");
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
    assert.deepEqual(
      report.images.flatMap((image) => image.layers.map((layer) => layer.mediaType)),
      spec.layerMediaTypes,
    );
  }
  const absent = report.notes.filter((note) => note.code === "absent-platform");
  assert.equal(absent.length, spec.platformsAbsent?.length ?? 0, "platforms named but absent");
  for (const platform of spec.platformsAbsent ?? [])
    assert.ok(absent.some((note) => note.message.includes(` ${formatPlatform(platform)} `)));
  const claimNotes = report.notes.filter((note) => note.code === "platform-claim-differs");
  const claimed = spec.images.filter((image) => image.platformClaim !== undefined);
  assert.deepEqual(
    claimNotes.map((note) => note.imageId).sort(),
    claimed.map((image) => image.imageId).sort(),
    "platform claims that differ are notes on their images",
  );
  for (const image of claimed) {
    const note = claimNotes.find((n) => n.imageId === image.imageId);
    assert.ok(
      note?.message.includes(
        ` for ${formatPlatform(image.platformClaim as Platform)} but its config says ${formatPlatform(image.platform as Platform)}`,
      ),
      note?.message,
    );
  }
  if (spec.manifestJsonImageIds !== undefined) {
    const tagged = report.images.filter((image) => image.claims.repoTags.length > 0).map((image) => image.imageId);
    assert.deepEqual(tagged.sort(), [...spec.manifestJsonImageIds].sort(), "images named by manifest.json");
  }
}

describe("real archives match their tools' ground truth", () => {
  const pool = hashPoolForSuite();

  for (const [file, spec] of Object.entries(expected)) {
    test(`${file}`, async () => {
      assert.deepEqual(
        Object.keys(spec).filter((key) => !ARCHIVE_KEYS.has(key)),
        [],
        "expected.json fields this test knows how to check",
      );
      for (const image of spec.images)
        assert.deepEqual(
          Object.keys(image).filter((key) => !IMAGE_KEYS.has(key)),
          [],
        );
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

    if (spec.layerGzipMembers !== undefined || spec.gzipMembers !== undefined) {
      test(`${file}: really is made of several gzip members`, () => {
        if (spec.gzipMembers !== undefined)
          assert.equal(countGzipMembers(readFileSync(`${FIXTURES}${file}`)), spec.gzipMembers);
        const blobs = spec.images.flatMap((image) => image.layerBlobDigests ?? []);
        assert.deepEqual(
          blobs.map((digest) =>
            countGzipMembers(entryByGnuTar(file, `blobs/sha256/${digest.slice("sha256:".length)}`)),
          ),
          spec.layerGzipMembers ?? blobs.map(() => 1),
        );
      });
    }

    if (spec.symlinks !== undefined && spec.innerTarSha256 === undefined) {
      test(`${file}: resolves the symlinks the tool wrote`, async () => {
        const listing = await indexTar(new BlobSource(new Blob([readFileSync(`${FIXTURES}${file}`)])));
        const table = new EntryTable(listing.entries, listing.ambiguities);
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
