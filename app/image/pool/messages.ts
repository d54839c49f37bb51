// The typed messages between the engine and its hashing workers, and how typed errors
// cross the thread boundary (structured clone keeps neither classes nor `code`).

import {
  CorruptGzipError,
  HashWorkerError,
  type ImageEngineError,
  LimitExceededError,
  SourceReadError,
  TarFormatError,
} from "../errors.ts";
import type { EntryDigests } from "../hash/entryDigester.ts";
import type { SourceHandle } from "../source/byteSource.ts";
import type { GzipTarScan, RangeJob } from "./hashPool.ts";

export type HashRequest =
  | { type: "digest-range"; id: number; source: SourceHandle; job: RangeJob }
  /** Several ranges hashed together, one per SIMD lane of one worker (sha256Lanes.ts). */
  | { type: "digest-lanes"; id: number; source: SourceHandle; jobs: RangeJob[] }
  | { type: "scan-gzip-tar"; id: number; source: SourceHandle };

export type HashResponse =
  | { type: "progress"; id: number; bytes: number }
  | { type: "digests"; id: number; digests: EntryDigests }
  | { type: "lane-digests"; id: number; digests: EntryDigests[] }
  | { type: "scan"; id: number; scan: GzipTarScan }
  | { type: "error"; id: number; error: SerializedError };

interface SerializedError {
  code: string;
  message: string;
  offset?: number;
}

export function serializeError(error: unknown): SerializedError {
  const code = (error as Partial<ImageEngineError>)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof TarFormatError) return { code: error.code, message, offset: error.offset };
  return { code: typeof code === "string" ? code : "hash-worker", message };
}

export function reviveError(error: SerializedError): ImageEngineError {
  switch (error.code) {
    case "tar-format": {
      // The message already ends with "(at byte N)"; keep it as sent.
      const revived = new TarFormatError("", error.offset ?? 0);
      revived.message = error.message;
      return revived;
    }
    case "corrupt-gzip":
      return new CorruptGzipError(error.message);
    case "limit-exceeded":
      return new LimitExceededError(error.message);
    case "source-read":
      return new SourceReadError(error.message);
    default:
      return new HashWorkerError(error.message);
  }
}
