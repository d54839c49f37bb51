// The fast path in browsers: a gzip stream that is exactly one member, through the
// platform's DecompressionStream. A conforming DecompressionStream errors on any byte after
// the first member (Compression Streams: "extra input"), so a clean end means Go's reader
// would have read this one member and then the end of input: the same bytes out. Anything
// else — more members, trailing bytes, corrupt data — is declined, not judged: the caller
// reads the stream again with the exact reader (gzipReader.ts), which says what Go says.
// Chromium also drops output it had queued when it errors, so a declined pass is discarded.
import type { Crc32 } from "./crc32.ts";
import type { OutputSink } from "./deflateInflater.ts";
import { MAX_GZIP_HEADER, readGzipHeader } from "./gzipHeader.ts";

/**
 * The member's header is checked here by Go's rules and replaced by a plain one, so zlib's
 * own header rules (it refuses reserved flag bits Go ignores) never decide anything.
 */
const PLAIN_HEADER = new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);

/** The fast pass declined (not one plain member): read the stream again exactly. Its output is void. */
export class ExactPassNeeded extends Error {
  override readonly name = "ExactPassNeeded";
  constructor() {
    super("the gzip stream is not one plain member: it is read again member by member");
  }
}

/** `gzip -n` of "a": one member. */
const ONE_MEMBER = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 3, 0x4b, 4, 0, 0x43, 0xbe, 0xb7, 0xe8, 1, 0, 0, 0];

let conforming: Promise<boolean> | null = null;

/** Whether `gunzip` of these bytes fails. */
async function refuses(gunzip: () => Promise<ArrayBuffer>): Promise<boolean> {
  try {
    await gunzip();
    return false;
  } catch {
    return true;
  }
}

/**
 * Whether this platform's DecompressionStream reads one member and refuses whatever follows,
 * as the standard's "extra input" rule says (measured in Chromium 156; the web-platform test
 * decompression-extra-input asks it of every browser). Node 22's reads on into the next
 * member by zlib's rules: there the fast path is off.
 */
export function decompressionStreamStopsAfterOneMember(): Promise<boolean> {
  conforming ??= (async () => {
    if (typeof DecompressionStream !== "function") return false;
    const gunzip = (bytes: number[]) => () =>
      new Response(
        new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new DecompressionStream("gzip")),
      ).arrayBuffer();
    try {
      const out = new Uint8Array(await gunzip(ONE_MEMBER)());
      if (out.length !== 1 || out[0] !== 0x61) return false;
    } catch {
      return false;
    }
    return (await refuses(gunzip([...ONE_MEMBER, ...ONE_MEMBER]))) && (await refuses(gunzip([...ONE_MEMBER, 0])));
  })();
  return conforming;
}

export class SingleMemberGunzip {
  readonly #crc32: Crc32;
  readonly #sink: OutputSink;
  /** Header bytes held until the header is complete; null once it was. */
  #header: Uint8Array | null = new Uint8Array(0);
  #writer: WritableStreamDefaultWriter<BufferSource> | null = null;
  #pump: Promise<void> = Promise.resolve();
  #declined = false;
  /** The sink's own failure (not the stream's): rethrown, never taken for a decline. */
  #sinkError: unknown = null;

  constructor(crc32: Crc32, sink: OutputSink) {
    this.#crc32 = crc32;
    this.#sink = sink;
  }

  /** Rejects with ExactPassNeeded as soon as the pass is known to decline, so no more is fed in vain. */
  async write(chunk: Uint8Array): Promise<void> {
    this.#throwIfDeclined();
    let body = chunk;
    if (this.#header !== null) {
      const held = this.#header;
      const bytes = new Uint8Array(held.length + Math.min(chunk.length, MAX_GZIP_HEADER));
      bytes.set(held);
      bytes.set(chunk.subarray(0, bytes.length - held.length), held.length);
      const read = readGzipHeader(bytes, this.#crc32);
      if (read.kind === "invalid") {
        this.#decline();
        return this.#throwIfDeclined();
      }
      if (read.kind === "incomplete") {
        this.#header = bytes;
        return;
      }
      this.#header = null;
      body = chunk.subarray(read.length - held.length);
      this.#start();
      await this.#feed(PLAIN_HEADER);
    }
    // Not copied: the write is awaited, and DecompressionStream consumes a chunk before its write
    // resolves (a copy per chunk cost ~10–20 % in Chromium, measured, in garbage alone).
    if (body.length > 0) await this.#feed(body);
    this.#throwIfDeclined();
  }

  /** Resolves when the stream was one member and all its output reached the sink; else rejects with ExactPassNeeded. */
  async finish(): Promise<void> {
    if (this.#header !== null) this.#declined = true;
    if (!this.#declined) {
      try {
        await this.#writer?.close();
      } catch {
        this.#declined = true;
      }
    }
    if (this.#declined) this.#writer?.abort().catch(() => {});
    await this.#pump;
    this.#throwIfDeclined();
  }

  #throwIfDeclined(): void {
    if (this.#sinkError !== null) throw this.#sinkError;
    if (!this.#declined) return;
    this.#writer?.abort().catch(() => {});
    throw new ExactPassNeeded();
  }

  #start(): void {
    const inflater = new DecompressionStream("gzip");
    this.#writer = inflater.writable.getWriter();
    const reader = inflater.readable.getReader();
    this.#pump = (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          if (this.#declined) continue;
          try {
            await this.#sink(value);
          } catch (error) {
            this.#sinkError = error;
            this.#declined = true;
          }
        }
      } catch {
        this.#declined = true;
      }
    })();
  }

  async #feed(bytes: Uint8Array): Promise<void> {
    try {
      // Awaited, not just `ready`: the queue counts chunks, not bytes (see the engine README).
      await this.#writer?.write(bytes as Uint8Array<ArrayBuffer>);
    } catch {
      this.#decline();
    }
  }

  #decline(): void {
    this.#declined = true;
  }
}
