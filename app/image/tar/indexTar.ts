// Lists an uncompressed tar's entries by reading only its header blocks (and the small
// pax / long-name records), jumping over entry data with positioned reads. A 1 GiB
// archive of a few dozen entries costs a few dozen small reads.
import { TarFormatError, throwIfAborted } from "../errors.ts";
import { HEADER_WINDOW_BYTES } from "../limits.ts";
import type { ByteSource } from "../source/byteSource.ts";
import { paddedSize, TarEntryAssembler } from "./entryAssembler.ts";
import { BLOCK_SIZE, isZeroBlock, parseHeaderBlock } from "./headerBlock.ts";
import type { TarEntry } from "./tarEntry.ts";

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
    if (relative >= 0 && relative + length <= this.#bytes.length) return this.#bytes.subarray(relative, relative + length);
    const bytes = await this.#source.read(offset, Math.max(length, HEADER_WINDOW_BYTES));
    this.#start = offset;
    this.#bytes = bytes;
    return bytes.subarray(0, Math.min(length, bytes.length));
  }
}

export async function indexTar(source: ByteSource, signal?: AbortSignal): Promise<TarEntry[]> {
  const reader = new WindowedReader(source);
  const assembler = new TarEntryAssembler();
  const entries: TarEntry[] = [];
  let offset = 0;
  for (;;) {
    throwIfAborted(signal);
    // Ending exactly on a header boundary without the zero blocks is accepted, as Go's reader does.
    if (offset === source.size) break;
    if (offset + BLOCK_SIZE > source.size) throw new TarFormatError("archive ends inside a header block", offset);
    const block = await reader.read(offset, BLOCK_SIZE);
    if (isZeroBlock(block)) {
      // End of archive: a zero block followed by another zero block (or by the end).
      const next = offset + BLOCK_SIZE;
      if (next === source.size) break;
      if (next + BLOCK_SIZE > source.size) throw new TarFormatError("archive ends inside a header block", next);
      if (!isZeroBlock(await reader.read(next, BLOCK_SIZE))) throw new TarFormatError("a header follows a single zero block", next);
      break;
    }
    const step = assembler.accept(parseHeaderBlock(block, offset), offset);
    const dataOffset = offset + BLOCK_SIZE;
    if (dataOffset + step.dataSize > source.size) {
      throw new TarFormatError(`entry claims ${step.dataSize} bytes but the archive ends ${source.size - dataOffset} bytes later`, offset);
    }
    if (step.type === "meta") assembler.acceptMeta(await reader.read(dataOffset, step.dataSize), dataOffset);
    else if (step.type === "entry") entries.push(step.entry);
    offset = dataOffset + paddedSize(step.dataSize);
    if (offset > source.size) throw new TarFormatError("archive ends inside an entry's padding", dataOffset + step.dataSize);
  }
  assembler.finish(offset);
  return entries;
}
