// Test-only: one Node hash pool per test file, opened before its tests and closed after.
import { after, before } from "node:test";
import { type InspectOptions, inspectArchive } from "../inspectArchive.ts";
import type { HashPool } from "../pool/hashPool.ts";
import { createNodeHashPool } from "../pool/nodeHashPool.ts";
import type { ArchiveReport } from "../report.ts";

export function hashPoolForSuite(concurrency = 2): () => HashPool {
  let pool: HashPool | undefined;
  before(() => {
    pool = createNodeHashPool({ concurrency });
  });
  after(async () => {
    await pool?.close();
  });
  return () => {
    if (!pool) throw new Error("the hash pool is used outside a test");
    return pool;
  };
}

export function blobOf(bytes: Uint8Array): Blob {
  return new Blob([bytes as Uint8Array<ArrayBuffer>]);
}

/** Inspects in-memory bytes the way the browser inspects a File. */
export function inspectBytes(
  pool: HashPool,
  bytes: Uint8Array,
  options: Omit<InspectOptions, "hashPool"> = {},
): Promise<ArchiveReport> {
  return inspectArchive(blobOf(bytes), { ...options, hashPool: pool });
}
