// Node convenience: inspect the file at a path. Node-only (the browser passes a File to
// inspectArchive); the CLI and scripts use it.
import { type InspectOptions, inspectArchive } from "./inspectArchive.ts";
import type { ArchiveReport } from "./report.ts";
import { NodeFileSource } from "./source/nodeFileSource.ts";

export async function inspectFile(path: string, options: InspectOptions): Promise<ArchiveReport> {
  const source = await NodeFileSource.open(path);
  try {
    return await inspectArchive(source, options);
  } finally {
    await source.close();
  }
}
