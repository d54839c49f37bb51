// Property-based fuzzing (fast-check) of the tar readers, the link resolver, the JSON
// parsers and the whole pipeline: whatever the bytes, a typed answer, never a crash or a
// hang. The run counts add up to 11,600 cases; the whole file takes a few seconds.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { ImageEngineError, MetadataError } from "../errors.ts";
import { parseDockerManifest } from "../formats/dockerManifest.ts";
import { parseImageConfig } from "../formats/imageConfig.ts";
import { parseImageIndex, parseImageManifest } from "../formats/ociDocuments.ts";
import { BlobSource } from "../source/blobSource.ts";
import { EntryTable } from "../tar/entryTable.ts";
import { BLOCK_SIZE, hasValidChecksum } from "../tar/headerBlock.ts";
import { indexTar } from "../tar/indexTar.ts";
import type { TarListing } from "../tar/tarListing.ts";
import { itemAt } from "../util/itemAt.ts";
import { hashPoolForSuite, inspectBytes } from "./hashPoolForTests.ts";
import { streamEntries } from "./streamEntries.ts";
import { dockerArchive, layerTar, ociLayout } from "./syntheticArchives.ts";
import { buildTar, concatBytes, sealChecksum, type TarInput, tarChunks } from "./tarWriter.ts";

const blobSource = (bytes: Uint8Array) => new BlobSource(new Blob([bytes as Uint8Array<ArrayBuffer>]));

type Outcome = { listing: TarListing } | { error: string };

async function outcome(run: () => Promise<TarListing>): Promise<Outcome> {
  try {
    const { entries, ambiguities } = await run();
    return { listing: { entries, ambiguities } };
  } catch (error) {
    if (!(error instanceof ImageEngineError)) throw error; // anything untyped fails the property
    return { error: error.name };
  }
}

// Few path parts, so that paths collide, links loop and `..` escapes often.
const pathPart = fc.constantFrom("a", "b", "..", ".", "", "blobs", "sha256", "layer.tar", "x".repeat(70));
const path = fc.array(pathPart, { minLength: 1, maxLength: 5 }).map((parts) => parts.join("/"));

const tarInput: fc.Arbitrary<TarInput> = fc
  .record(
    {
      path,
      type: fc.constantFrom("0", "0", "0", "1", "2", "5", "6", "7", "S"),
      data: fc.uint8Array({ maxLength: 1200 }),
      linkTarget: path,
      longName: fc.constantFrom("pax" as const, "gnu" as const),
    },
    { requiredKeys: ["path", "type", "data", "linkTarget"] },
  )
  .map((input) => (["1", "2", "5", "6"].includes(input.type ?? "0") ? { ...input, data: new Uint8Array(0) } : input)); // header-only types carry no data

/**
 * A valid tar of random entries, then maybe random byte edits (with the header checksums
 * recomputed half of the time, so edits reach the field parsers instead of all failing
 * the checksum) and maybe a truncation.
 */
const mutatedTar = fc
  .record({
    entries: fc.array(tarInput, { maxLength: 6 }),
    edits: fc.oneof(
      { weight: 2, arbitrary: fc.constant([]) },
      {
        weight: 3,
        arbitrary: fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }),
      },
    ),
    reseal: fc.boolean(),
    cut: fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.nat() }),
    end: fc.boolean(),
  })
  .map(({ entries, edits, reseal, cut, end }) => {
    const chunks = tarChunks(entries, { end });
    const headers: number[] = [];
    let offset = 0;
    for (const chunk of chunks) {
      if (chunk.length === BLOCK_SIZE && hasValidChecksum(chunk)) headers.push(offset);
      offset += chunk.length;
    }
    const bytes = concatBytes(chunks);
    for (const [at, value] of edits) if (bytes.length > 0) bytes[at % bytes.length] = value;
    if (reseal) for (const header of headers) sealChecksum(bytes.subarray(header, header + BLOCK_SIZE));
    return cut === undefined || bytes.length === 0 ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
  });

describe("fuzz: tar readers", () => {
  test("arbitrary bytes: entries or a typed error (2,000 cases)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) => {
        await outcome(() => indexTar(blobSource(bytes)));
        await outcome(() => streamEntries(bytes, [97]));
      }),
      { numRuns: 2000 },
    );
  });

  test("mutated tars: the random-access indexer and the stream reader agree, whatever the chunking (3,000 cases)", async () => {
    await fc.assert(
      fc.asyncProperty(mutatedTar, fc.integer({ min: 1, max: 2000 }), async (bytes, chunk) => {
        const indexed = await outcome(() => indexTar(blobSource(bytes)));
        const streamed = await outcome(() => streamEntries(bytes, [chunk]));
        assert.deepEqual(streamed, indexed);
      }),
      { numRuns: 3000 },
    );
  });
});

describe("fuzz: link resolution", () => {
  test("any table of links and any path: an answer, never a throw or a hang (2,000 cases)", () => {
    const entry = fc.record({
      rawPath: path,
      kind: fc.constantFrom("file" as const, "directory" as const, "symlink" as const, "hardlink" as const),
      linkTarget: path,
    });
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 12 }),
        fc.array(path, { minLength: 1, maxLength: 5 }),
        (entries, lookups) => {
          const typeflags = { file: "0", hardlink: "1", symlink: "2", directory: "5" } as const;
          const table = new EntryTable(
            entries.map((e, i) => ({
              ...e,
              typeflag: typeflags[e.kind],
              size: 0,
              headerOffset: i * 512,
              dataOffset: i * 512 + 512,
            })),
          );
          for (const lookup of lookups) {
            const found = table.lookup(lookup);
            if (found.ok) assert.equal(found.entry.kind, "file");
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

const parsers: [string, (value: unknown) => unknown][] = [
  ["manifest.json", (value) => parseDockerManifest(value)],
  ["image index", (value) => parseImageIndex(value, "index.json")],
  ["image manifest", (value) => parseImageManifest(value, "m")],
  ["image config", (value) => parseImageConfig(value, "c")],
];

const digest = fc.oneof(fc.constant(`sha256:${"a".repeat(64)}`), fc.string({ maxLength: 80 }), fc.jsonValue());
const descriptor = fc.record(
  {
    mediaType: fc.oneof(fc.string(), fc.jsonValue()),
    digest,
    size: fc.oneof(fc.nat(), fc.jsonValue()),
    platform: fc.jsonValue(),
    annotations: fc.jsonValue(),
  },
  { requiredKeys: [] },
);
/** Documents that are almost right: every field either plausible or arbitrary. */
const nearlyValid = fc.oneof(
  fc.array(
    fc.record(
      {
        Config: fc.oneof(fc.string(), fc.jsonValue()),
        RepoTags: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
        Layers: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
      },
      { requiredKeys: [] },
    ),
  ),
  fc.record(
    { schemaVersion: fc.constantFrom(2, 1, "2"), manifests: fc.oneof(fc.array(descriptor), fc.jsonValue()) },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      schemaVersion: fc.constantFrom(2, 1),
      config: fc.oneof(descriptor, fc.jsonValue()),
      layers: fc.oneof(fc.array(descriptor), fc.jsonValue()),
    },
    { requiredKeys: [] },
  ),
  fc.record(
    {
      os: fc.jsonValue(),
      architecture: fc.jsonValue(),
      rootfs: fc.oneof(
        fc.record({ type: fc.constantFrom("layers", "x"), diff_ids: fc.oneof(fc.array(digest), fc.jsonValue()) }),
        fc.jsonValue(),
      ),
    },
    { requiredKeys: [] },
  ),
);

describe("fuzz: JSON parsers", () => {
  for (const [name, parse] of parsers) {
    test(`${name}: a value or a MetadataError (1,000 cases)`, () => {
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), nearlyValid), (value) => {
          try {
            parse(value);
          } catch (error) {
            assert.ok(error instanceof MetadataError, String(error));
          }
        }),
        { numRuns: 1000 },
      );
    });
  }
});

describe("fuzz: the whole pipeline", () => {
  const pool = hashPoolForSuite();
  const layers = [layerTar("a", "one"), layerTar("b", "two")];
  const archives = [buildTar(dockerArchive(layers).entries), buildTar(ociLayout(layers).entries)];

  test("mutated image archives always get a report, and only an untouched one is intact (300 cases)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(0, 1),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 3 }),
        async (which, edits) => {
          const bytes = itemAt(archives, which).slice();
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          const report = await inspectBytes(pool(), bytes);
          assert.equal(report.verdict === "intact", report.problems.length === 0);
          if (edits.length === 0) assert.equal(report.verdict, "intact");
        },
      ),
      { numRuns: 300 },
    );
  });

  test("random JSON in place of any metadata file (manifest.json, index.json, a manifest, a config) is never intact and never a crash (300 cases)", async () => {
    const docker = dockerArchive(layers);
    const oci = ociLayout(layers);
    const targets: [TarInput[], string][] = [
      [docker.entries, "manifest.json"],
      [docker.entries, docker.configPath],
      [oci.entries, "index.json"],
      [oci.entries, oci.manifestPath],
      [oci.entries, oci.configPath],
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.nat({ max: targets.length - 1 }),
        fc.oneof(fc.jsonValue(), nearlyValid),
        async (which, value) => {
          const [entries, target] = targets[which] as [TarInput[], string];
          const replaced = entries.map((entry) =>
            entry.path === target ? { ...entry, data: JSON.stringify(value) ?? "null" } : entry,
          );
          const report = await inspectBytes(pool(), buildTar(replaced));
          assert.notEqual(report.verdict, "intact");
        },
      ),
      { numRuns: 300 },
    );
  });
});
