// DeflateInflater over Node's zlib. Node-only: the browser bundle never imports it.
// zlib stops consuming input where the DEFLATE stream ends, and `bytesWritten` says how far
// it read, so the gzip member reader learns exactly where the trailer starts.
import { createInflateRaw, type InflateRaw } from "node:zlib";
import type { DeflateInflater, OutputSink } from "./deflateInflater.ts";
import { DeflateError } from "./inflateRaw.ts";

export class NodeInflater implements DeflateInflater {
  readonly #zlib: InflateRaw;
  readonly #sink: OutputSink;
  /** Output not yet handed on; the sink may be async, zlib's 'data' events are not. */
  #pending: Promise<void> = Promise.resolve();
  #error: unknown = null;
  /** The sink's own failure: rethrown as is, and no more output is handed to it. */
  #sinkError: unknown = null;
  #given = 0;
  #ended = false;
  #waiting: (() => void) | null = null;

  constructor(sink: OutputSink) {
    this.#sink = sink;
    // 64 KiB pieces (zlib's default is 16): a quarter of the sink and CRC-32 calls.
    this.#zlib = createInflateRaw({ chunkSize: 64 * 1024 });
    this.#zlib.on("data", (bytes: Buffer) => {
      // No copy: zlib fills each output Buffer once and starts a new one after, so the bytes stay
      // as they are (copying them all grew the CLI by ~20 MiB of garbage on a .tar.gz). A plain
      // Uint8Array view, so no one meets Buffer's non-copying slice().
      const own = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      // The chain never rejects: a failure left on it after the caller stopped waiting would be unhandled.
      this.#pending = this.#pending.then(async () => {
        if (this.#sinkError !== null) return;
        try {
          await this.#sink(own);
        } catch (error) {
          this.#sinkError = error;
        }
      });
    });
    this.#zlib.on("error", (error) => {
      this.#error ??= error;
      this.#waiting?.();
    });
  }

  /** Resolves when `start`'s callback runs or zlib fails, whichever comes first. */
  #wait(start: (done: () => void) => void): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#waiting = resolve;
      start(resolve);
    }).finally(() => (this.#waiting = null));
  }

  async write(chunk: Uint8Array): Promise<Uint8Array | null> {
    if (this.#ended) return chunk;
    await this.#wait((done) => this.#zlib.write(chunk, () => done()));
    this.#given += chunk.length;
    await this.#settle();
    // zlib reads every byte it is given until the stream ends; after that it reads none.
    const unread = this.#given - this.#zlib.bytesWritten;
    if (unread === 0) return null;
    this.#ended = true;
    return chunk.subarray(chunk.length - unread);
  }

  async finish(): Promise<Uint8Array> {
    if (this.#ended) return new Uint8Array(0);
    await this.#wait((done) => {
      this.#zlib.once("end", done);
      this.#zlib.end();
    });
    await this.#settle();
    return new Uint8Array(0);
  }

  /** Waits for the output so far to reach the sink; throws zlib's error as a DeflateError. */
  async #settle(): Promise<void> {
    await this.#pending;
    if (this.#sinkError !== null) throw this.#sinkError;
    if (this.#error !== null) {
      const error = this.#error as Error;
      throw new DeflateError(error.message, { cause: error });
    }
  }
}
