// ByteSource over a Blob or File: browsers, Web Workers and Node 20+ alike.
import { SourceReadError } from "../errors.ts";
import { STREAM_CHUNK_BYTES } from "../limits.ts";
import type { ByteSource, SourceHandle } from "./byteSource.ts";

export class BlobSource implements ByteSource {
  readonly size: number;
  readonly handle: SourceHandle;
  readonly #blob: Blob;

  constructor(blob: Blob) {
    this.#blob = blob;
    this.size = blob.size;
    this.handle = { kind: "blob", blob };
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(this.size, offset + length);
    if (offset >= end) return new Uint8Array(0);
    try {
      return new Uint8Array(await this.#blob.slice(offset, end).arrayBuffer());
    } catch (cause) {
      // A File whose disk copy changed or vanished after it was picked fails here.
      throw new SourceReadError(`could not read bytes ${offset}–${end} of the file`, { cause });
    }
  }

  async *stream(start: number, end: number): AsyncIterable<Uint8Array> {
    // Fixed-size slices rather than blob.stream(): predictable chunk sizes for the
    // hasher and no reliance on ReadableStream async iteration (missing in Safari).
    for (let offset = start; offset < end; offset += STREAM_CHUNK_BYTES) {
      yield await this.read(offset, Math.min(STREAM_CHUNK_BYTES, end - offset));
    }
  }

  async close(): Promise<void> {}
}
