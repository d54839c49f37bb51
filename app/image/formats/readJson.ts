// Reads a JSON metadata entry by path (following links), turning every way it can fail
// into a report problem: missing, bad link, too large, not JSON, or JSON that Go's
// encoding/json would read otherwise (ambiguous-archive, which means tampered).
import { AmbiguousJsonError, EntryTooLargeError, MetadataError } from "../errors.ts";
import { MAX_JSON_ENTRY_BYTES } from "../limits.ts";
import { problem } from "../problems.ts";
import type { Problem } from "../report.ts";
import type { LookupResult } from "../tar/entryTable.ts";
import type { TarEntry } from "../tar/tarEntry.ts";
import type { ArchiveContents } from "./archiveContents.ts";
import { decodeJson } from "./decodeJson.ts";

type JsonRead =
  | { ok: true; value: unknown; entry: TarEntry; path: string }
  | { ok: false; problem: Problem; missing: boolean };

/** The problem for a path that does not lead to a regular file. */
export function lookupProblem(result: Extract<LookupResult, { ok: false }>, referencedBy: string): Problem {
  if (result.reason === "ambiguous") {
    return problem<"ambiguous-archive">(
      { code: "ambiguous-archive", construct: result.construct, path: result.path },
      `ambiguous archive: ${result.detail} (referenced by ${referencedBy})`,
    );
  }
  if (result.reason === "missing") {
    const via =
      result.linkPath === undefined ? "" : ` (through the link ${result.linkPath} → ${result.linkTarget ?? ""})`;
    return problem<"missing-entry">(
      { code: "missing-entry", path: result.path, referencedBy },
      `${result.path} is missing${via}, referenced by ${referencedBy}`,
    );
  }
  if (result.linkPath === undefined) {
    return problem<"missing-entry">(
      { code: "missing-entry", path: result.path, referencedBy },
      `${result.path} is not a regular file (referenced by ${referencedBy})`,
    );
  }
  const why = {
    "outside-archive": "the link leads outside the archive",
    "not-a-file": "the link does not lead to a regular file",
  }[result.reason];
  return problem<"bad-link">(
    { code: "bad-link", path: result.linkPath, target: result.linkTarget ?? "", reason: result.reason },
    `${result.path} cannot be resolved: ${result.linkPath} → ${result.linkTarget ?? ""}: ${why}`,
  );
}

export function problemFromMetadataError(error: unknown): Problem {
  if (error instanceof AmbiguousJsonError) {
    return problem<"ambiguous-archive">(
      { code: "ambiguous-archive", construct: error.construct, path: error.path },
      `ambiguous archive: ${error.message}`,
    );
  }
  if (error instanceof EntryTooLargeError) {
    return problem<"entry-too-large">(
      { code: "entry-too-large", path: error.path, size: error.size, limit: error.limit },
      error.message,
    );
  }
  if (error instanceof MetadataError) {
    return problem<"invalid-metadata">(
      { code: "invalid-metadata", path: error.path, reason: error.reason },
      error.message,
    );
  }
  throw error;
}

export async function readJson(contents: ArchiveContents, path: string, referencedBy: string): Promise<JsonRead> {
  const found = contents.table.lookup(path);
  if (!found.ok) return { ok: false, problem: lookupProblem(found, referencedBy), missing: found.reason === "missing" };
  try {
    if (found.entry.size > MAX_JSON_ENTRY_BYTES)
      throw new EntryTooLargeError(path, found.entry.size, MAX_JSON_ENTRY_BYTES);
    const value = decodeJson(await contents.readEntry(found.entry, path), path);
    return { ok: true, value, entry: found.entry, path: found.path };
  } catch (error) {
    return { ok: false, problem: problemFromMetadataError(error), missing: false };
  }
}
