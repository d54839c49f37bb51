// One sequential pass over a gzip-compressed tar: decompress, read the tar stream, hash
// every entry as it passes (and gunzip gzip layers inside), keep the small JSON entries.
// Runs inside one hashing worker: a .tar.gz cannot be entered at random offsets. When a fast
// gunzip pass declines (browsers: the archive, or a gzip layer in it, is not one plain gzip
// member), the whole archive is read again with the exact reader where it declined.
import { CorruptGzipError, ImageEngineError, LimitExceededError } from "../errors.ts";
import { MAX_JSON_ENTRY_BYTES, MAX_RETAINED_JSON_BYTES } from "../limits.ts";
import type { GzipTarScan } from "../pool/hashPool.ts";
import { BLOCK_SIZE } from "../tar/headerBlock.ts";
import { looksLikeTar } from "../tar/looksLikeTar.ts";
import type { TarEntry } from "../tar/tarEntry.ts";
import { type EntrySink, TarStreamReader } from "../tar/tarStreamReader.ts";
import { EntryDigester } from "./entryDigester.ts";
import { gunzipStream } from "./gunzip.ts";
import type { HashTools } from "./hashTools.ts";
import { ExactPassNeeded } from "./singleMemberGunzip.ts";

function startsLikeJson(chunks: readonly Uint8Array[]): boolean {
  for (const chunk of chunks) {
    for (const byte of chunk) {
      if (byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09) continue;
      // 0xef: a UTF-8 byte order mark, kept so the JSON reader refuses it as Go does (as for a plain tar).
      return byte === 0x7b || byte === 0x5b || byte === 0xef;
    }
  }
  return false;
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

class ScanCollector {
  readonly scan: GzipTarScan = { isTar: true, entries: [], ambiguities: [], digests: new Map(), retained: new Map() };
  readonly #tools: HashTools;
  readonly #exactLayers: boolean;
  /** A gzip entry's fast gunzip pass declined: this scan must be run again with exact layers. */
  layersDeclined = false;
  #retainedBytes = 0;

  constructor(tools: HashTools, exactLayers: boolean) {
    this.#tools = tools;
    this.#exactLayers = exactLayers;
  }

  onEntry = async (entry: TarEntry): Promise<EntrySink | null> => {
    this.scan.entries.push(entry);
    if (entry.kind !== "file") return null;
    const digester = await EntryDigester.create(this.#tools, true, undefined, this.#exactLayers);
    // Small entries are buffered in case they are JSON metadata; larger ones only hashed.
    const chunks: Uint8Array[] | null = entry.size <= MAX_JSON_ENTRY_BYTES ? [] : null;
    return {
      write: async (chunk) => {
        chunks?.push(chunk);
        await digester.write(chunk);
      },
      end: async () => {
        const digests = await digester.finish();
        if (digests.exactGunzipNeeded) this.layersDeclined = true;
        this.scan.digests.set(entry.dataOffset, digests);
        if (chunks && startsLikeJson(chunks)) this.#retain(entry, concat(chunks, entry.size));
      },
    };
  };

  #retain(entry: TarEntry, bytes: Uint8Array): void {
    this.#retainedBytes += bytes.length;
    if (this.#retainedBytes > MAX_RETAINED_JSON_BYTES) {
      throw new LimitExceededError(`the archive holds more than ${MAX_RETAINED_JSON_BYTES} bytes of JSON metadata`);
    }
    this.scan.retained.set(entry.dataOffset, bytes);
  }
}

/** Reads decompressed chunks into the tar reader; stops at once if the stream is not a tar. */
async function readTar(reader: ReadableStreamDefaultReader<Uint8Array>, collector: ScanCollector): Promise<void> {
  const tar = new TarStreamReader(collector.onEntry);
  const head: Uint8Array[] = [];
  let headSize = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (headSize < BLOCK_SIZE) {
      head.push(value);
      headSize += value.length;
      if (headSize < BLOCK_SIZE) continue;
      if (!looksLikeTar(concat(head, headSize).subarray(0, BLOCK_SIZE))) {
        collector.scan.isTar = false;
        return;
      }
      for (const chunk of head) await tar.push(chunk);
      continue;
    }
    await tar.push(value);
  }
  if (headSize < BLOCK_SIZE) {
    collector.scan.isTar = false;
    return;
  }
  tar.end();
  collector.scan.ambiguities = tar.listing.ambiguities;
}

function gzipReason(error: unknown): string {
  const cause = (error as { cause?: { message?: string } })?.cause?.message;
  return cause || (error as Error)?.message || String(error);
}

/** `open` gives the compressed bytes from the start, each time it is called. */
export async function scanGzipTar(
  open: () => AsyncIterable<Uint8Array>,
  tools: HashTools,
  onBytes: (bytes: number) => void,
): Promise<GzipTarScan> {
  const exact = { archive: false, layers: false };
  // At most two more reads, each rare: the archive's own stream, then its gzip layers.
  for (let read = 0; ; read++) {
    try {
      const { scan, layersDeclined } = await scanOnce(open(), tools, read === 0 ? onBytes : () => {}, exact);
      if (!layersDeclined) return scan;
      exact.layers = true;
    } catch (error) {
      if (!(error instanceof ExactPassNeeded) || exact.archive) throw error;
      exact.archive = true;
    }
  }
}

async function scanOnce(
  compressed: AsyncIterable<Uint8Array>,
  tools: HashTools,
  onBytes: (bytes: number) => void,
  exact: { archive: boolean; layers: boolean },
): Promise<{ scan: GzipTarScan; layersDeclined: boolean }> {
  const collector = new ScanCollector(tools, exact.layers);
  const inflater = gunzipStream(tools.gunzip, exact.archive);
  const writer = inflater.writable.getWriter();
  const reader = inflater.readable.getReader();
  let readError: unknown = null;
  let readDone = false;
  const reading = readTar(reader, collector)
    .catch((error: unknown) => {
      readError = error;
    })
    .finally(() => {
      readDone = true;
      // Unblocks the feeding loop below (its writer.ready rejects) when reading stopped early.
      reader.cancel().catch(() => {});
    });
  let sourceError: unknown = null;
  try {
    for await (const chunk of compressed) {
      if (readDone) break;
      try {
        // Awaited, not just `ready`: the inflater's queue counts chunks, not bytes (see GunzipDigest).
        // A copy: the inflater may keep it past this turn, and the source may reuse its buffer.
        await writer.write(chunk.slice() as Uint8Array<ArrayBuffer>);
      } catch {
        break; // reading stopped (not a tar, or failed): it reports why
      }
      onBytes(chunk.length);
    }
    if (!readDone) await writer.close().catch(() => {});
  } catch (error) {
    // The input itself failed to read: stop the reading side too, or it would wait forever.
    sourceError = error;
    writer.abort(error).catch(() => {});
  }
  await reading;
  if (sourceError !== null) throw sourceError;
  if (readError !== null) {
    // The tar reader throws engine errors; anything else came out of the inflater.
    if (readError instanceof ImageEngineError || readError instanceof ExactPassNeeded) throw readError;
    throw new CorruptGzipError(`the gzip stream does not decompress: ${gzipReason(readError)}`, { cause: readError });
  }
  return { scan: collector.scan, layersDeclined: collector.layersDeclined };
}
