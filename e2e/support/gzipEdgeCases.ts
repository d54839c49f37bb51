// Archives whose gzip streams (a layer's, or the whole archive's) end in every way Go's
// gzip.Reader tells apart: another member (read on), the end of input (done), anything else
// (an error: a corrupt layer, an unreadable archive). Each comes with the verdict Go's reading
// implies, so the page and the CLI are held to Go, not only to each other.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { crc32, deflateRawSync, gzipSync } from "node:zlib";
import type { Verdict } from "../../app/image/report.ts";
import { dockerArchive, layerTar } from "../../app/image/test/syntheticArchives.ts";
import { buildTar } from "../../app/image/test/tarWriter.ts";

interface EdgeCase {
  file: string;
  /** What Go's reading of the gzip stream implies for the report. */
  verdict: Verdict;
  problems: string[];
}

/** One gzip member with an optional name field and a flags byte of our choosing. */
function member(data: Uint8Array, options: { flags?: number; name?: Uint8Array } = {}): Buffer {
  const flags = (options.flags ?? 0) | (options.name ? 0x08 : 0);
  const header = Buffer.from([0x1f, 0x8b, 8, flags, 0, 0, 0, 0, 0, 0xff]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data), 0);
  trailer.writeUInt32LE(data.length, 4);
  return Buffer.concat([
    header,
    options.name ? Buffer.concat([options.name, Buffer.alloc(1)]) : Buffer.alloc(0),
    deflateRawSync(data),
    trailer,
  ]);
}

function split(bytes: Uint8Array, pieces: number): Uint8Array[] {
  const size = Math.ceil(bytes.length / pieces);
  return Array.from({ length: pieces }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
}

/** A docker-archive whose one gzip layer is stored as `gzipBytes(layer)`. */
function archiveWithLayer(gzipBytes: (layer: Uint8Array) => Uint8Array): Uint8Array {
  const layer = layerTar("data/payload.txt", "ImageSeal gzip edge case ".repeat(400));
  const image = dockerArchive([layer], { gzip: true });
  const entries = image.entries.map((entry) =>
    entry.path === image.layerPaths[0] ? { ...entry, data: gzipBytes(layer) } : entry,
  );
  return buildTar(entries);
}

const LAYER_CASES: [string, (layer: Uint8Array) => Uint8Array, Verdict][] = [
  ["two-members", (layer) => Buffer.concat(split(layer, 2).map((part) => member(part))), "intact"],
  ["many-small-members", (layer) => Buffer.concat(split(layer, 9).map((part) => member(part))), "intact"],
  ["then-an-empty-member", (layer) => Buffer.concat([member(layer), member(new Uint8Array(0))]), "intact"],
  ["reserved-flag-bits", (layer) => member(layer, { flags: 0xe0 }), "intact"],
  ["then-512-zero-bytes", (layer) => Buffer.concat([gzipSync(layer), Buffer.alloc(512)]), "tampered"],
  ["then-one-zero-byte", (layer) => Buffer.concat([gzipSync(layer), Buffer.alloc(1)]), "tampered"],
  ["then-text", (layer) => Buffer.concat([gzipSync(layer), Buffer.from("garbage")]), "tampered"],
  [
    "second-member-name-of-512-bytes",
    (layer) =>
      Buffer.concat([
        member(split(layer, 2)[0] as Uint8Array),
        member(split(layer, 2)[1] as Uint8Array, { name: Buffer.alloc(512, 0x6e) }),
      ]),
    "tampered",
  ],
  [
    "wrong-crc-in-second-member",
    (layer) => {
      const [a, b] = split(layer, 2) as [Uint8Array, Uint8Array];
      const second = member(b);
      second.writeUInt32LE(second.readUInt32LE(second.length - 8) ^ 0xff, second.length - 8); // the CRC-32
      return Buffer.concat([member(a), second]);
    },
    "tampered",
  ],
];

/** Writes the cases into `dir`; returns them with Go's verdicts. */
export function writeGzipEdgeCases(dir: string): EdgeCase[] {
  const cases: EdgeCase[] = [];
  for (const [name, gzipBytes, verdict] of LAYER_CASES) {
    const file = path.join(dir, `gzip-layer-${name}.tar`);
    writeFileSync(file, archiveWithLayer(gzipBytes));
    cases.push({ file, verdict, problems: verdict === "intact" ? [] : ["corrupt-layer"] });
  }
  // Whole archives: a .tar.gz in three members cut anywhere, and one with zeros after its member.
  const tar = archiveWithLayer((layer) => gzipSync(layer));
  const threeMembers = path.join(dir, "gzip-archive-three-members.tar.gz");
  writeFileSync(threeMembers, Buffer.concat(split(tar, 3).map((part) => gzipSync(part))));
  cases.push({ file: threeMembers, verdict: "intact", problems: [] });
  const zeros = path.join(dir, "gzip-archive-then-zeros.tar.gz");
  writeFileSync(zeros, Buffer.concat([gzipSync(tar), Buffer.alloc(1024)]));
  cases.push({ file: zeros, verdict: "unsupported", problems: ["unreadable-archive"] });
  return cases;
}
