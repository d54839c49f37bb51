// ByteSource over a Blob or File: browsers, Web Workers and Node 20+ alike.
import { SourceReadError } from "../errors.ts";
import type { ByteSource, SourceHandle } from "./byteSource.ts";

/**
 * The reused read buffer. Measured on a 4 GiB archive in Chromium (app/bench): 256 KiB
 * grew the renderer most (+78 MiB: more reads, more garbage per byte), 1 MiB least (+47),
 * 2 MiB (the pipe's size) no better; all hashed at the same speed.
 */
const BLOB_READ_BYTES = 1024 * 1024;

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
    if (start >= end) return;
    // blob.stream(), not a loop of slice().arrayBuffer(): each slice read is a round trip
    // to the browser process (about 5 ms per 2 MiB in Chromium: reads alone capped a worker
    // near 350 MB/s), while a stream's pipe is refilled by the browser process as the worker
    // hashes, so reading overlaps hashing. Read into one reused buffer (a BYOB reader): fresh
    // chunks were garbage faster than the GC returned it (+190 MiB for a 1 GiB layer).
    const stream = this.#blob.slice(start, end).stream();
    const reader = byobReader(stream);
    const fallback = reader ? null : stream.getReader();
    let done = false;
    try {
      if (reader) {
        let buffer = new ArrayBuffer(Math.min(BLOB_READ_BYTES, end - start));
        for (;;) {
          const next = await readOrFail(() => reader.read(new Uint8Array(buffer)), start, end);
          if (next.done || !next.value) break;
          // The read transferred the buffer into the stream and back: reuse what came back.
          buffer = next.value.buffer as ArrayBuffer;
          yield next.value;
        }
      } else if (fallback) {
        for (;;) {
          const next = await readOrFail(() => fallback.read(), start, end);
          if (next.done) break;
          yield next.value;
        }
      }
      done = true;
    } finally {
      // The consumer stopped early (abort, error): stop the browser's reading too.
      if (!done) (reader ?? fallback)?.cancel().catch(() => {});
    }
  }

  async close(): Promise<void> {}
}

/** A reader into caller-owned buffers, where the platform's Blob streams are byte streams (Chromium, Node). */
function byobReader(stream: ReadableStream<Uint8Array>): ReadableStreamBYOBReader | null {
  try {
    return stream.getReader({ mode: "byob" });
  } catch {
    return null;
  }
}

async function readOrFail<T>(read: () => Promise<T>, start: number, end: number): Promise<T> {
  try {
    return await read();
  } catch (cause) {
    // A File whose disk copy changed or vanished after it was picked fails here.
    throw new SourceReadError(`could not read bytes ${start}–${end} of the file`, { cause });
  }
}
