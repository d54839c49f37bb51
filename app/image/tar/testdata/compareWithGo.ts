// Test-only: runs the engine's two tar readers on an archive and compares what they read
// with Go's reading of it (written by readWithGo.go). An archive counts as
//   "same"      — our listing has Go's entries (names, types, links, data bytes) and no
//                 ambiguity, or both Go and we refuse it;
//   "refused"   — we record an ambiguity (the engine refuses the archive by name) and
//                 still read Go's entries (all but the data of sparse entries), unless
//                 Go's own reading is chance (a global header named in map order);
//   "differ"    — anything else: a bug.
import { createHash } from "node:crypto";
import { ImageEngineError } from "../../errors.ts";
import { BlobSource } from "../../source/blobSource.ts";
import { itemAt } from "../../util/itemAt.ts";
import { indexTar } from "../indexTar.ts";
import type { TarEntry } from "../tarEntry.ts";
import type { TarListing } from "../tarListing.ts";
import { TarStreamReader } from "../tarStreamReader.ts";

interface GoEntry {
  name: string;
  nameHex?: string;
  linkname: string;
  linknameHex?: string;
  typeflag: number;
  size: number;
  dataSize: number;
  sha256?: string;
}

export interface GoReading {
  entries: GoEntry[];
  error?: { entry: number; stage: "next" | "read"; message: string };
  unstable?: boolean;
}

/** What one of our readers made of an archive: a listing with each entry's data digest, or an error. */
type OurReading =
  | { listing: TarListing; digests: string[] }
  | {
      error: ImageEngineError /** Entries handed out before the error (stream reader only). */;
      emitted: TarEntry[] | null;
    };

export type Comparison =
  | { outcome: "same" }
  | { outcome: "refused"; constructs: string[] }
  | { outcome: "differ"; why: string };

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

async function reading(
  run: () => Promise<{ listing: TarListing; digests: string[] }>,
  emitted: TarEntry[] | null,
): Promise<OurReading> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof ImageEngineError)) throw error;
    return { error, emitted };
  }
}

/** indexTar, with each entry's data hashed from the archive at dataOffset / size. */
export function readWithIndexTar(archive: Uint8Array): Promise<OurReading> {
  return reading(async () => {
    const listing = await indexTar(new BlobSource(new Blob([archive as Uint8Array<ArrayBuffer>])));
    return {
      listing,
      digests: listing.entries.map((entry) =>
        sha256(archive.subarray(entry.dataOffset, entry.dataOffset + entry.size)),
      ),
    };
  }, null);
}

/** The stream reader fed in chunks of `chunkSize`, with each entry's data hashed as its sink received it. */
export function readWithStream(archive: Uint8Array, chunkSize: number): Promise<OurReading> {
  const emitted: TarEntry[] = [];
  return reading(async () => {
    const digests: string[] = [];
    const reader = new TarStreamReader(async (entry) => {
      emitted.push(entry);
      const hash = createHash("sha256");
      const index = digests.push("") - 1;
      return {
        write: async (chunk) => void hash.update(chunk),
        end: async () => {
          digests[index] = hash.digest("hex");
        },
      };
    });
    for (let offset = 0; offset < archive.length; offset += chunkSize)
      await reader.push(archive.subarray(offset, offset + chunkSize));
    reader.end();
    return { listing: reader.listing, digests };
  }, emitted);
}

/** Why our entry is not Go's, or null when it is. `withData`: compare its data size and digest too. */
function entryDifference(ours: TarEntry, digest: string | null, go: GoEntry, withData: boolean): string | null {
  // A name that is not UTF-8 can only be compared as decoded (both sides replace its bad bytes with U+FFFD).
  if ((go.nameHex !== undefined ? Buffer.from(go.nameHex, "hex").toString("utf8") : go.name) !== ours.rawPath)
    return `name ${JSON.stringify(ours.rawPath)} vs Go ${JSON.stringify(go.name)}`;
  if (ours.typeflag.charCodeAt(0) !== go.typeflag)
    return `typeflag ${ours.typeflag.charCodeAt(0)} vs Go ${go.typeflag}`;
  if (ours.linkTarget !== null && ours.linkTarget !== go.linkname)
    return `link ${JSON.stringify(ours.linkTarget)} vs Go ${JSON.stringify(go.linkname)}`;
  if (!withData) return null;
  if (ours.size !== go.dataSize) return `${JSON.stringify(ours.rawPath)}: ${ours.size} data bytes vs Go ${go.dataSize}`;
  if (digest !== null && go.sha256 !== undefined && digest !== go.sha256)
    return `${JSON.stringify(ours.rawPath)}: data differs`;
  return null;
}

/**
 * Why our entries are not Go's. Data is compared except where `withData` says no: an entry
 * whose read failed in Go, or a sparse entry (Go expands it, we keep the stored bytes).
 */
function entriesDifference(
  ours: readonly TarEntry[],
  digests: readonly (string | null)[],
  go: readonly GoEntry[],
  withData: (entry: TarEntry, index: number) => boolean,
): string | null {
  if (ours.length !== go.length) return `${ours.length} entries vs Go ${go.length}`;
  for (let i = 0; i < ours.length; i++) {
    const entry = itemAt(ours, i);
    const why = entryDifference(entry, digests[i] ?? null, itemAt(go, i), withData(entry, i));
    if (why !== null) return `entry ${i}: ${why}`;
  }
  return null;
}

/** Go stopped inside a sparse entry whose map and data disagree: the engine, which never expands sparse data, reads on. */
function sparseStop(go: GoReading): boolean {
  return go.error?.stage === "read" && go.error.message.includes("sparse");
}

export function compareWithGo(ours: OurReading, go: GoReading): Comparison {
  const failedRead = (_: TarEntry, index: number) => !(go.error?.stage === "read" && go.error.entry === index);
  if ("error" in ours) {
    if (go.error === undefined)
      return { outcome: "differ", why: `we refuse (${ours.error.message}), Go reads ${go.entries.length} entries` };
    // The stream reader hands entries out as it goes: those before the error must be Go's too
    // (names and types: data may be sparse). Unless Go's own reading changes from run to run.
    if (ours.emitted !== null && go.unstable !== true) {
      const emitted = sparseStop(go) ? ours.emitted.slice(0, go.entries.length) : ours.emitted;
      const why = entriesDifference(emitted, [], go.entries, () => false);
      if (why !== null) return { outcome: "differ", why: `both refuse, but before the error: ${why}` };
    }
    return { outcome: "same" };
  }
  const { listing, digests } = ours;
  const constructs = [...new Set(listing.ambiguities.map((a) => a.construct))];
  // A global header Go names by map order: Go's reading is chance, there is nothing to follow.
  if (constructs.includes("tar-header")) return { outcome: "refused", constructs };
  const sparseHeaders = new Set(listing.ambiguities.filter((a) => a.construct === "sparse-entry").map((a) => a.offset));
  const notSparse = (entry: TarEntry, index: number) =>
    failedRead(entry, index) && !sparseHeaders.has(entry.headerOffset);
  let why: string | null;
  if (go.error !== undefined) {
    if (!sparseStop(go) || sparseHeaders.size === 0)
      return {
        outcome: "differ",
        why: `we read ${listing.entries.length} entries, Go fails at entry ${go.error.entry} (${go.error.message})`,
      };
    why = entriesDifference(listing.entries.slice(0, go.entries.length), digests, go.entries, notSparse);
  } else if (go.unstable === true) {
    return { outcome: "differ", why: "Go's own reading changes from run to run, and we record no ambiguity" };
  } else {
    why = entriesDifference(listing.entries, digests, go.entries, notSparse);
  }
  if (why !== null) return { outcome: "differ", why };
  return constructs.length > 0 ? { outcome: "refused", constructs } : { outcome: "same" };
}
