// ByteSource over a file in Node, by positioned reads. Node-only: the browser bundle never imports it.
import { type FileHandle, open } from "node:fs/promises";
import { SourceReadError } from "../errors.ts";
import { STREAM_CHUNK_BYTES } from "../limits.ts";
import { itemAt } from "../util/itemAt.ts";
import type { ByteSource, SourceHandle } from "./byteSource.ts";

export class NodeFileSource implements ByteSource {
  readonly size: number;
  readonly handle: SourceHandle;
  readonly #file: FileHandle;

  private constructor(path: string, file: FileHandle, size: number) {
    this.#file = file;
    this.size = size;
    this.handle = { kind: "file", path };
  }

  static async open(path: string): Promise<NodeFileSource> {
    let file: FileHandle | undefined;
    try {
      file = await open(path, "r");
      const stats = await file.stat();
      if (!stats.isFile()) throw new Error("not a regular file");
      return new NodeFileSource(path, file, stats.size);
    } catch (cause) {
      await file?.close();
      throw new SourceReadError(`cannot open ${path}: ${(cause as Error).message}`, { cause });
    }
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const end = Math.min(this.size, offset + length);
    if (offset >= end) return new Uint8Array(0);
    const buffer = new Uint8Array(end - offset);
    await this.#readInto(buffer, offset);
    return buffer;
  }

  async *stream(start: number, end: number): AsyncIterable<Uint8Array> {
    // Two buffers, alternately reused (see ByteSource.stream): memory stays flat at any size.
    // While the consumer hashes one, the next read fills the other: reads run on libuv's
    // thread pool, so copying from the page cache overlaps hashing instead of adding to it.
    const capacity = Math.min(STREAM_CHUNK_BYTES, Math.max(0, end - start));
    const buffers = [new Uint8Array(capacity), new Uint8Array(capacity)];
    const readChunk = (offset: number, turn: number): Promise<Uint8Array> => {
      const chunk = itemAt(buffers, turn).subarray(0, Math.min(STREAM_CHUNK_BYTES, end - offset));
      return this.#readInto(chunk, offset).then(() => chunk);
    };
    let turn = 0;
    let next = start < end ? readChunk(start, turn) : null;
    try {
      for (let offset = start; next !== null; offset += STREAM_CHUNK_BYTES) {
        const chunk = await next;
        // The consumer is done with the other buffer: it asked for this chunk.
        turn ^= 1;
        next = offset + STREAM_CHUNK_BYTES < end ? readChunk(offset + STREAM_CHUNK_BYTES, turn) : null;
        yield chunk;
      }
    } finally {
      // Stopped early: the read under way has nobody to report to.
      next?.catch(() => {});
    }
  }

  async #readInto(buffer: Uint8Array, offset: number): Promise<void> {
    let filled = 0;
    try {
      while (filled < buffer.length) {
        const { bytesRead } = await this.#file.read(buffer, filled, buffer.length - filled, offset + filled);
        if (bytesRead === 0) throw new Error("file shrank while being read");
        filled += bytesRead;
      }
    } catch (cause) {
      throw new SourceReadError(
        `could not read bytes ${offset}–${offset + buffer.length}: ${(cause as Error).message}`,
        { cause },
      );
    }
  }

  async close(): Promise<void> {
    await this.#file.close();
  }
}
