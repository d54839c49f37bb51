import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { normalizeEntryPath } from "./entryPath.ts";
import { EntryTable } from "./entryTable.ts";
import type { TarEntry } from "./tarEntry.ts";

let offset = 0;
function entry(rawPath: string, kind: TarEntry["kind"] = "file", linkTarget: string | null = null): TarEntry {
  offset += 1024;
  return { rawPath, kind, linkTarget, size: kind === "file" ? 10 : 0, headerOffset: offset - 512, dataOffset: offset };
}

describe("entry paths", () => {
  test("normalized as an extractor places them", () => {
    assert.deepEqual(normalizeEntryPath("./a//b/./c/"), { ok: true, path: "a/b/c" });
    assert.deepEqual(normalizeEntryPath("a/../b"), { ok: true, path: "b" });
  });

  test("refused when they leave the root", () => {
    assert.deepEqual(normalizeEntryPath("../x"), { ok: false, reason: "escapes-root" });
    assert.deepEqual(normalizeEntryPath("a/../../x"), { ok: false, reason: "escapes-root" });
    assert.deepEqual(normalizeEntryPath("/etc/passwd"), { ok: false, reason: "absolute" });
    assert.deepEqual(normalizeEntryPath("a\0b"), { ok: false, reason: "nul-byte" });
  });
});

describe("EntryTable", () => {
  test("follows relative symlinks, symlinked directories and hard links", () => {
    const layer = entry("abc.tar");
    const table = new EntryTable([
      layer,
      entry("v1/layer.tar", "symlink", "../abc.tar"),
      entry("alias", "symlink", "v1"),
      entry("hard.tar", "hardlink", "v1/layer.tar"),
      entry("./dot/layer.tar", "symlink", "../alias/./layer.tar"),
    ]);
    for (const path of ["abc.tar", "v1/layer.tar", "alias/layer.tar", "hard.tar", "dot/layer.tar", "./v1//layer.tar"]) {
      const found = table.lookup(path);
      assert.ok(found.ok, path);
      assert.equal(found.entry, layer, path);
      assert.equal(found.path, "abc.tar");
    }
  });

  test("stops at loops, refuses to leave the archive, and names the link at fault", () => {
    const table = new EntryTable([entry("a", "symlink", "b"), entry("b", "symlink", "a"), entry("d/out", "symlink", "../../x"), entry("abs", "symlink", "/etc/passwd"), entry("dir", "directory")]);
    const loop = table.lookup("a");
    assert.ok(!loop.ok && loop.reason === "loop" && ["a", "b"].includes(loop.linkPath ?? ""));
    assert.deepEqual(table.lookup("d/out"), { ok: false, reason: "outside-archive", path: "d/out", linkPath: "d/out", linkTarget: "../../x" });
    assert.deepEqual(table.lookup("abs"), { ok: false, reason: "outside-archive", path: "abs", linkPath: "abs", linkTarget: "/etc/passwd" });
    assert.deepEqual(table.lookup("dir"), { ok: false, reason: "not-a-file", path: "dir" });
    assert.deepEqual(table.lookup("nope"), { ok: false, reason: "missing", path: "nope" });
  });

  test("a symlink chain of exactly the hop limit resolves; one more is a loop", () => {
    const chain = (length: number) => [entry("f"), ...Array.from({ length }, (_, i) => entry(`l${i}`, "symlink", i === 0 ? "f" : `l${i - 1}`))];
    assert.ok(new EntryTable(chain(40)).lookup("l39").ok);
    assert.equal(new EntryTable(chain(41)).lookup("l40").ok, false);
  });

  test("reports unsafe paths and duplicate files; the last duplicate wins", () => {
    const first = entry("manifest.json");
    const last = entry("manifest.json");
    const table = new EntryTable([first, entry("../evil"), last, entry("blobs/", "directory"), entry("blobs/", "directory")]);
    assert.deepEqual(
      table.problems.map((p) => [p.code, "path" in p ? p.path : null]),
      [
        ["unsafe-path", "../evil"],
        ["duplicate-entry", "manifest.json"],
      ],
    );
    const found = table.lookup("manifest.json");
    assert.ok(found.ok && found.entry === last);
  });
});
