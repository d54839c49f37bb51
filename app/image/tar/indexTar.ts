// Lists an uncompressed tar's entries by reading only its header blocks (and the small
// pax / long-name records), jumping over entry data with positioned reads. A 1 GiB
// archive of a few dozen entries costs a few dozen small reads. Where the archive ends
// follows Go's reader: two zero blocks, one zero block and the end of the file, or the
// end of the file at (or inside the padding after) a header boundary.
import { TarFormatError, throwIfAborted } from "../errors.ts";
import { HEADER_WINDOW_BYTES, STREAM_CHUNK_BYTES } from "../limits.ts";
import type { ByteSource } from "../source/byteSource.ts";
import { type AssemblerStep, paddedSize, TarEntryAssembler } from "./entryAssembler.ts";
import { BLOCK_SIZE, isZeroBlock } from "./headerBlock.ts";
import type { TarEntry } from "./tarEntry.ts";
import type { TarListing } from "./tarListing.ts";

/** Reads through a window so runs of small entries cost one read, not one per header. */
class WindowedReader {
  readonly #source: ByteSource;
  #start = 0;
  #bytes: Uint8Array = new Uint8Array(0);

  constructor(source: ByteSource) {
    this.#source = source;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const relative = offset - this.#start;
    if (relative >= 0 && relative + length <= this.#bytes.length)
      return this.#bytes.subarray(relative, relative + length);
    const bytes = await this.#source.read(offset, Math.max(length, HEADER_WINDOW_BYTES));
    this.#start = offset;
    this.#bytes = bytes;
    return bytes.subarray(0, Math.min(length, bytes.length));
  }
}

function needs(source: ByteSource, offset: number, length: number, what: string): void {
  if (offset + length > source.size) throw new TarFormatError(`archive ends inside ${what}`, offset);
}

function needsData(source: ByteSource, headerOffset: number, dataOffset: number, size: number): void {
  if (dataOffset + size > source.size) {
    throw new TarFormatError(
      `entry claims ${size} bytes but the archive ends ${source.size - dataOffset} bytes later`,
      headerOffset,
    );
  }
}

/** Offset of the first non-zero byte in [start, end), read in bounded windows; -1 if none. */
async function firstNonZero(source: ByteSource, start: number, end: number, signal?: AbortSignal): Promise<number> {
  for (let offset = start; offset < end; offset += STREAM_CHUNK_BYTES) {
    throwIfAborted(signal);
    const bytes = await source.read(offset, Math.min(STREAM_CHUNK_BYTES, end - offset));
    const at = bytes.findIndex((byte) => byte !== 0);
    if (at !== -1) return offset + at;
  }
  return -1;
}

export async function indexTar(source: ByteSource, signal?: AbortSignal): Promise<TarListing> {
  const reader = new WindowedReader(source);
  const assembler = new TarEntryAssembler();
  const entries: TarEntry[] = [];
  let offset = 0;
  for (;;) {
    throwIfAborted(signal);
    // The file ends at a header boundary (or inside padding): Go's reader sees a clean end.
    if (offset >= source.size) break;
    needs(source, offset, BLOCK_SIZE, "a header block");
    const block = await reader.read(offset, BLOCK_SIZE);
    if (isZeroBlock(block)) {
      const next = offset + BLOCK_SIZE;
      if (next === source.size) break;
      needs(source, next, BLOCK_SIZE, "the end-of-archive marker");
      if (!isZeroBlock(await reader.read(next, BLOCK_SIZE)))
        throw new TarFormatError("a header follows a single zero block", next);
      const trailing = await firstNonZero(source, next + BLOCK_SIZE, source.size, signal);
      if (trailing !== -1) assembler.trailingData(trailing);
      break;
    }
    let step: AssemblerStep = assembler.accept(block, offset);
    offset += BLOCK_SIZE;
    while (step.type === "extension") {
      needs(source, offset, BLOCK_SIZE, "a sparse extension block");
      step = assembler.acceptExtension(await reader.read(offset, BLOCK_SIZE), offset);
      offset += BLOCK_SIZE;
    }
    if (step.type === "meta") {
      needsData(source, offset - BLOCK_SIZE, offset, step.dataSize);
      const metaStep = assembler.acceptMeta(await reader.read(offset, step.dataSize), offset);
      if (metaStep.type === "entry") entries.push(metaStep.entry);
      offset += paddedSize(step.dataSize);
    } else if (step.type === "entry") {
      needsData(source, step.entry.headerOffset, offset, step.dataSize);
      entries.push(step.entry);
      offset += paddedSize(step.dataSize);
    }
  }
  return { entries, ambiguities: assembler.ambiguities };
}
