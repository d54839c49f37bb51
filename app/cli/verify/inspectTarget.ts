// The engine's report for what verify and publish were given: an archive read by inspectFile
// (every layer hashed, the file's own sha256 too), or a registry reference read by
// inspectReference (manifests, index and configs, each checked against its digest; with
// `pull`, every layer too). The same progress bar either way: pulling is the slow part.
import { inspectFile } from "../../image/inspectFile.ts";
import { createNodeHashPool } from "../../image/pool/nodeHashPool.ts";
import type { ArchiveReport } from "../../image/report.ts";
import type { RegistryClient } from "../../registry/client.ts";
import type { CliIo } from "../command.ts";
import { createProgressBar } from "../progressBar.ts";
import type { VerifyTarget } from "./verifyTarget.ts";

export interface InspectTargetOptions {
  /** Reference only: download and check every layer blob. */
  pull: boolean;
  /** Reference only: made on first use (reading docker's config is not free). */
  registryClient: () => RegistryClient;
}

export async function inspectTarget(
  target: VerifyTarget,
  options: InspectTargetOptions,
  io: CliIo,
): Promise<ArchiveReport> {
  const bar = createProgressBar(io.stderr);
  try {
    if (target.kind === "reference") {
      const [{ inspectReference }, { nodeRegistryHashTools }] = await Promise.all([
        import("../../registry/inspectReference.ts"),
        import("../../registry/nodeHashTools.ts"),
      ]);
      return await inspectReference(options.registryClient(), target.reference, {
        pull: options.pull,
        onProgress: bar.update,
        signal: io.interrupt,
        hashTools: nodeRegistryHashTools,
      });
    }
    const pool = createNodeHashPool();
    try {
      return await inspectFile(target.path, {
        hashPool: pool,
        signal: io.interrupt,
        onProgress: bar.update,
        archiveDigest: true,
      });
    } finally {
      await pool.close();
    }
  } finally {
    bar.clear();
  }
}
