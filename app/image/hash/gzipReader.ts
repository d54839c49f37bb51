// A gzip stream read member after member exactly as Go's gzip.Reader (multistream, the
// default) reads it; docker, podman (containers/image) and containerd decompress layers
// with it. After each member: the end of input ends the stream; anything else must be a
// whole, valid member ("gzip: invalid header" or "unexpected EOF" otherwise). Every
// member's CRC-32 and size are checked against its trailer ("gzip: invalid checksum").

import { itemAt } from "../util/itemAt.ts";
import type { Crc32 } from "./crc32.ts";
import type { DeflateInflater, DeflateInflaterFactory, OutputSink } from "./deflateInflater.ts";
import { MAX_GZIP_HEADER, readGzipHeader } from "./gzipHeader.ts";
import { DeflateError } from "./inflateRaw.ts";

/** A gzip stream Go's reader would fail on; the message is Go's (or zlib's, for DEFLATE data). */
class GzipError extends Error {
  override readonly name = "GzipError";
}

const TRAILER = 8;
const NONE = new Uint8Array(0);

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

export class GzipReader {
  readonly #createInflater: DeflateInflaterFactory;
  readonly #crc32: Crc32;
  readonly #sink: OutputSink;
  #state: "header" | "body" | "trailer" = "header";
  /** Bytes of a header or trailer that arrived split across writes. */
  #pending: Uint8Array = NONE;
  #inflater: DeflateInflater | null = null;
  #members = 0;
  #crc = 0;
  #size = 0;

  constructor(createInflater: DeflateInflaterFactory, crc32: Crc32, sink: OutputSink) {
    this.#createInflater = createInflater;
    this.#crc32 = crc32;
    this.#sink = sink;
  }

  /** Compressed bytes, in order; each is lent for this call only. Rejects with GzipError or zlib's DeflateError. */
  async write(chunk: Uint8Array): Promise<void> {
    let rest = chunk;
    while (rest.length > 0) {
      if (this.#state === "header") {
        const consumed = this.#header(rest, false);
        if (consumed === null) return;
        rest = rest.subarray(consumed);
      } else if (this.#state === "body") {
        const after = await (this.#inflater as DeflateInflater).write(rest);
        if (after === null) return;
        this.#state = "trailer";
        rest = after;
      } else {
        const consumed = this.#trailer(rest);
        if (consumed === null) return;
        rest = rest.subarray(consumed);
      }
    }
  }

  /** The input ended: resolves when it ended where Go's reader ends cleanly, else rejects. */
  async finish(): Promise<void> {
    // An inflater may hold back a member's last bytes (and what follows them) until the end.
    while (this.#state === "body") {
      const after = await (this.#inflater as DeflateInflater).finish().catch((error: unknown) => {
        // Go's flate says a stream cut short is "unexpected EOF" (zlib: "unexpected end of file").
        throw error instanceof DeflateError && error.message === "unexpected end of file"
          ? new GzipError("unexpected EOF", { cause: error })
          : error;
      });
      this.#state = "trailer";
      await this.write(after);
    }
    if (this.#state === "trailer") throw new GzipError("unexpected EOF");
    // Go: nothing at all where a header would start ends the stream, after at least one member.
    if (this.#pending.length === 0) {
      if (this.#members === 0) throw new GzipError("EOF");
      return;
    }
    this.#header(NONE, true);
  }

  /** Bytes of `rest` the header took, or null when it needs more; starts the member's body. */
  #header(rest: Uint8Array, atEnd: boolean): number | null {
    const held = this.#pending.length;
    // Only a header's worth is joined to what was held, never the whole chunk.
    const bytes = held === 0 ? rest : concat(this.#pending, rest.subarray(0, MAX_GZIP_HEADER));
    const read = readGzipHeader(bytes, this.#crc32);
    if (read.kind === "invalid") throw new GzipError("gzip: invalid header");
    if (read.kind === "incomplete") {
      if (atEnd) throw new GzipError("unexpected EOF");
      this.#pending = new Uint8Array(bytes); // a copy: `rest` is lent for this call
      return null;
    }
    this.#pending = NONE;
    this.#crc = 0;
    this.#size = 0;
    this.#inflater = this.#createInflater((output) => {
      this.#crc = this.#crc32(this.#crc, output);
      this.#size += output.length;
      return this.#sink(output);
    });
    this.#state = "body";
    return read.length - held;
  }

  /** Bytes of `rest` the trailer took, or null when it needs more; checks it against the member. */
  #trailer(rest: Uint8Array): number | null {
    const held = this.#pending.length;
    if (held + rest.length < TRAILER) {
      this.#pending = concat(this.#pending, rest);
      return null;
    }
    const trailer = held === 0 ? rest : concat(this.#pending, rest.subarray(0, TRAILER - held));
    const crc =
      (itemAt(trailer, 0) | (itemAt(trailer, 1) << 8) | (itemAt(trailer, 2) << 16) | (itemAt(trailer, 3) << 24)) >>> 0;
    const size =
      (itemAt(trailer, 4) | (itemAt(trailer, 5) << 8) | (itemAt(trailer, 6) << 16) | (itemAt(trailer, 7) << 24)) >>> 0;
    // ISIZE is the size modulo 2^32.
    if (crc !== this.#crc || size !== this.#size % 2 ** 32) throw new GzipError("gzip: invalid checksum");
    this.#pending = NONE;
    this.#inflater = null;
    this.#members++;
    this.#state = "header";
    return TRAILER - held;
  }
}
