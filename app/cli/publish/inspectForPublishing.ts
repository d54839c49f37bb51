// The archive read by the same engine as `imageseal inspect` and `verify` (every layer hashed,
// the file's own sha256 too: a plain file is released by it), then turned into releases.
import { inspectFile } from "../../image/inspectFile.ts";
import { createNodeHashPool } from "../../image/pool/nodeHashPool.ts";
import type { CliIo } from "../command.ts";
import { createProgressBar } from "../progressBar.ts";
import { archiveReleases, type ArchiveReleases, type Choice } from "./archiveReleases.ts";

export async function inspectForPublishing(file: string, choice: Choice, io: CliIo): Promise<ArchiveReleases> {
  const bar = createProgressBar(io.stderr);
  const pool = createNodeHashPool();
  try {
    const report = await inspectFile(file, { hashPool: pool, signal: io.interrupt, onProgress: bar.update, archiveDigest: true });
    bar.clear();
    return archiveReleases(report, choice);
  } finally {
    bar.clear();
    await pool.close();
  }
}
