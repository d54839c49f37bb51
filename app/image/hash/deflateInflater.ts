// The one thing a gzip member reader needs from a DEFLATE decoder that DecompressionStream
// does not give: where the compressed stream ends. Node's zlib (nodeInflateRaw.ts) and the
// JavaScript decoder (inflateRaw.ts) both implement it.

/** Receives decompressed bytes in order; may keep them (each call gets its own copy). */
export type OutputSink = (bytes: Uint8Array) => void | Promise<void>;

export interface DeflateInflater {
  /**
   * Takes compressed bytes (lent for this call only). Resolves to null while the stream goes
   * on, or, once it has ended, to the bytes given so far that follow its end (lent too: read
   * them before the next call). Rejects when the stream does not decompress.
   */
  write(chunk: Uint8Array): Promise<Uint8Array | null>;
  /** No more input: resolves to the bytes after the end (maybe none), or rejects "unexpected end of file". */
  finish(): Promise<Uint8Array>;
}

export type DeflateInflaterFactory = (sink: OutputSink) => DeflateInflater;
