// What the engine asks of a hashing pool. The engine core sees only this interface; the
// browser pool (Web Workers + hash-wasm) and the Node pool (worker_threads + node:crypto)
// implement it, so the core runs unchanged in both.
import type { EntryDigests } from "../hash/entryDigester.ts";
import type { SourceHandle } from "../source/byteSource.ts";
import type { TarEntry } from "../tar/tarEntry.ts";
import type { TarAmbiguity } from "../tar/tarListing.ts";

/** Digests of the bytes [offset, offset + size) of the source. */
export interface RangeJob {
  offset: number;
  size: number;
  /** Also hash the gunzipped stream when the bytes turn out to be gzip (layers). */
  decompress: boolean;
}

export interface PoolRunOptions {
  signal?: AbortSignal;
  /** Called with the number of source bytes just consumed. */
  onBytes?: (bytes: number) => void;
}

/** What one sequential pass over a .tar.gz found. */
export interface GzipTarScan {
  /** False when the decompressed stream is not a tar (the input is then a plain file). */
  isTar: boolean;
  entries: TarEntry[];
  /** Where loaders could read the tar differently (tarListing.ts); plain data, so it crosses threads as is. */
  ambiguities: TarAmbiguity[];
  /** Digests of every regular file entry, by dataOffset in the decompressed tar. */
  digests: Map<number, EntryDigests>;
  /** Bytes of the small JSON-looking entries, by dataOffset: they cannot be re-read later. */
  retained: Map<number, Uint8Array>;
}

export interface HashPool {
  /** Workers that may run at once. */
  readonly concurrency: number;
  /** Runs the jobs in parallel; results in the order of the jobs. */
  digestRanges(source: SourceHandle, jobs: readonly RangeJob[], options?: PoolRunOptions): Promise<EntryDigests[]>;
  /** One worker reads the gzip-compressed tar once, sequentially, hashing every entry as it passes. */
  scanGzipTar(source: SourceHandle, options?: PoolRunOptions): Promise<GzipTarScan>;
  /** Stops every worker. */
  close(): Promise<void>;
}
