// Reads and parses an image config. The entry is kept even when its JSON is unusable:
// its digest (the imageId) is still worth reporting.
import type { Problem } from "../report.ts";
import type { TarEntry } from "../tar/tarEntry.ts";
import type { ArchiveContents } from "./archiveContents.ts";
import { type ImageConfig, parseImageConfig } from "./imageConfig.ts";
import { problemFromMetadataError, readJson } from "./readJson.ts";

export interface ConfigRead {
  entry: TarEntry | null;
  config: ImageConfig | null;
  problems: Problem[];
}

export async function readConfig(contents: ArchiveContents, path: string, referencedBy: string): Promise<ConfigRead> {
  const read = await readJson(contents, path, referencedBy);
  if (!read.ok) {
    const found = contents.table.lookup(path);
    return { entry: found.ok ? found.entry : null, config: null, problems: [read.problem] };
  }
  try {
    return { entry: read.entry, config: parseImageConfig(read.value, path), problems: [] };
  } catch (error) {
    return { entry: read.entry, config: null, problems: [problemFromMetadataError(error)] };
  }
}
