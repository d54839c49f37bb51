// Every blob in an OCI layout must hash to its name: blobs/sha256/<hex> → sha256:<hex>.
import { digestFromHex, isSha256Hex } from "../digest.ts";
import { lookupProblem } from "../formats/readJson.ts";
import { describeMismatch, problem } from "../problems.ts";
import type { Problem } from "../report.ts";
import type { EntryTable } from "../tar/entryTable.ts";
import { isBlobPath } from "./digestNeeds.ts";
import type { DigestsByEntry } from "./digestsByEntry.ts";

export function checkBlobs(table: EntryTable, digests: DigestsByEntry, roles: ReadonlyMap<number, string>): Problem[] {
  const problems: Problem[] = [];
  for (const [path, entry] of table.paths()) {
    if (!isBlobPath(path) || entry.kind === "directory") continue;
    const hex = path.slice("blobs/sha256/".length);
    if (!isSha256Hex(hex)) {
      problems.push(
        problem<"invalid-blob-name">({ code: "invalid-blob-name", path }, `${path} is not named by a sha256 digest`),
      );
      continue;
    }
    const found = table.lookup(path);
    if (!found.ok) {
      problems.push(lookupProblem(found, "the blob store"));
      continue;
    }
    const expected = digestFromHex(hex);
    const actual = digests.of(found.entry).digest;
    if (actual !== expected) {
      const role = roles.get(found.entry.dataOffset);
      problems.push(
        problem<"blob-digest-mismatch">(
          { code: "blob-digest-mismatch", path, expected, found: actual },
          describeMismatch(`blob ${path}${role ? ` (${role})` : ""} does not hash to its name`, expected, actual),
        ),
      );
    }
  }
  return problems;
}
