// Typed engine errors. Every failure the engine can raise is one of these, with a literal
// `code` callers switch on and the original error kept as `cause`. Problems with the
// archive's *content* are not thrown to callers: inspectArchive turns them into a report
// with a "tampered" or "unsupported" verdict. Only abort, I/O and worker failures reject.

type ImageEngineErrorCode =
  | "aborted"
  | "tar-format"
  | "corrupt-gzip"
  | "entry-too-large"
  | "invalid-metadata"
  | "limit-exceeded"
  | "source-read"
  | "hash-worker";

export abstract class ImageEngineError extends Error {
  abstract readonly code: ImageEngineErrorCode;
}

/** The caller's AbortSignal fired; every worker was stopped. */
export class InspectAbortedError extends ImageEngineError {
  override readonly name = "InspectAbortedError";
  readonly code = "aborted";
  constructor(options?: { cause?: unknown }) {
    super("inspection aborted", options);
  }
}

/** The bytes are not a well-formed tar: bad checksum, truncated entry, bad number field… */
export class TarFormatError extends ImageEngineError {
  override readonly name = "TarFormatError";
  readonly code = "tar-format";
  /** Byte offset (in the uncompressed tar stream) of the header or data at fault. */
  readonly offset: number;
  constructor(message: string, offset: number, options?: { cause?: unknown }) {
    super(`${message} (at byte ${offset})`, options);
    this.offset = offset;
  }
}

/** A gzip stream (the whole archive) does not decompress. */
export class CorruptGzipError extends ImageEngineError {
  override readonly name = "CorruptGzipError";
  readonly code = "corrupt-gzip";
}

/** A JSON entry exceeds the size the engine reads into memory. */
export class EntryTooLargeError extends ImageEngineError {
  override readonly name = "EntryTooLargeError";
  readonly code = "entry-too-large";
  readonly path: string;
  readonly size: number;
  readonly limit: number;
  constructor(path: string, size: number, limit: number) {
    super(`${path} is ${size} bytes, more than the ${limit} bytes read for metadata`);
    this.path = path;
    this.size = size;
    this.limit = limit;
  }
}

/** A metadata entry is not what it claims: not UTF-8, not JSON, or JSON of the wrong shape. */
export class MetadataError extends ImageEngineError {
  override readonly name: string = "MetadataError";
  readonly code = "invalid-metadata";
  readonly path: string;
  readonly reason: string;
  constructor(path: string, reason: string, options?: { cause?: unknown }) {
    super(`${path}: ${reason}`, options);
    this.path = path;
    this.reason = reason;
  }
}

/**
 * A metadata entry that Go's encoding/json (docker, containerd, containers/image) would read
 * otherwise than the engine, or that reads as two kinds of document: refused, never read
 * one way. `construct` says which ("json": keys, bytes, numbers; "document-kind": a
 * manifest that is also an index, a media type that contradicts its descriptor).
 */
export class AmbiguousJsonError extends MetadataError {
  override readonly name = "AmbiguousJsonError";
  readonly construct: "json" | "document-kind";
  constructor(path: string, reason: string, construct: "json" | "document-kind", options?: { cause?: unknown }) {
    super(path, reason, options);
    this.construct = construct;
  }
}

/** The archive exceeds a cap from limits.ts (entry count, path length, kept metadata). */
export class LimitExceededError extends ImageEngineError {
  override readonly name = "LimitExceededError";
  readonly code = "limit-exceeded";
}

/** Reading the input failed (file vanished, permission, I/O error). */
export class SourceReadError extends ImageEngineError {
  override readonly name = "SourceReadError";
  readonly code = "source-read";
}

/** A hashing worker crashed or answered with something unexpected. */
export class HashWorkerError extends ImageEngineError {
  override readonly name = "HashWorkerError";
  readonly code = "hash-worker";
}

/** Throws the typed abort error when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new InspectAbortedError({ cause: signal.reason });
}
