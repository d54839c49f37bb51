// Random access to the input's bytes. The uncompressed-tar path reads only headers through
// read() and hands (offset, size) ranges to hashing workers, which reopen the same bytes
// from `handle`: a Blob/File (structured clone shares its bytes, it does not copy them)
// or, in Node, a file path.

export type SourceHandle = { kind: "blob"; blob: Blob } | { kind: "file"; path: string };

export interface ByteSource {
  readonly size: number;
  /** What a worker needs to open the same bytes. */
  readonly handle: SourceHandle;
  /** The bytes [offset, offset + length), fewer only where the source ends. */
  read(offset: number, length: number): Promise<Uint8Array>;
  /**
   * The bytes [start, end) in chunks. A chunk is only valid until the next one is asked
   * for: sources may reuse their buffers (allocating 2 MiB per chunk at GB/s lets garbage
   * pile up faster than the GC returns it), so a consumer that keeps bytes copies them.
   */
  stream(start: number, end: number): AsyncIterable<Uint8Array>;
  /** Releases what open() acquired (a file handle); a no-op for blobs. */
  close(): Promise<void>;
}
