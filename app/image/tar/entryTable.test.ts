import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { normalizeEntryPath } from "./entryPath.ts";
import { EntryTable } from "./entryTable.ts";
import type { TarEntry } from "./tarEntry.ts";
import { containerdLookup, containersImageLookup, dockerLookup } from "./testdata/loaderPathModels.ts";

let offset = 0;
const TYPEFLAGS = { file: "0", hardlink: "1", symlink: "2", directory: "5", other: "6" } as const;
function entry(rawPath: string, kind: TarEntry["kind"] = "file", linkTarget: string | null = null): TarEntry {
  offset += 1024;
  return {
    rawPath,
    kind,
    typeflag: TYPEFLAGS[kind],
    linkTarget,
    size: kind === "file" ? 10 : 0,
    headerOffset: offset - 512,
    dataOffset: offset,
  };
}

const described = (table: EntryTable) =>
  table.problems.map((p) => [p.code, p.code === "ambiguous-archive" ? p.construct : null, "path" in p ? p.path : null]);

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

describe("EntryTable lookups: the one resolution every loader shares", () => {
  test("a path, or one relative symlink to a regular file, as podman and docker 20.10 write duplicate layers", () => {
    const layer = entry("abc.tar");
    const table = new EntryTable([
      layer,
      entry("v1/layer.tar", "symlink", "../abc.tar"),
      entry("./dot/layer.tar", "symlink", "../abc.tar"),
    ]);
    for (const path of ["abc.tar", "v1/layer.tar", "./v1//layer.tar", "dot/layer.tar"]) {
      const found = table.lookup(path);
      assert.ok(found.ok, path);
      assert.equal(found.entry, layer, path);
      assert.equal(found.path, "abc.tar");
    }
    assert.deepEqual(table.problems, []);
  });

  test("refuses what the loaders resolve differently: hard links, chains, absolute targets, symlinked folders", () => {
    const table = new EntryTable([
      entry("f"),
      entry("hard", "hardlink", "f"),
      entry("one", "symlink", "f"),
      entry("two", "symlink", "one"),
      entry("abs", "symlink", "/f"),
      entry("dir", "symlink", "real"),
      entry("real/x"),
      entry("loop", "symlink", "loop"),
    ]);
    const reasons = Object.fromEntries(
      ["hard", "two", "abs", "dir/x", "loop"].map((path) => {
        const found = table.lookup(path);
        return [path, found.ok ? "ok" : found.reason === "ambiguous" ? found.construct : found.reason];
      }),
    );
    assert.deepEqual(reasons, { hard: "link", two: "link", abs: "link", "dir/x": "path-through-link", loop: "link" });
    assert.ok(table.lookup("one").ok);
  });

  test("refuses to leave the archive and names the link; directories are not files", () => {
    const table = new EntryTable([
      entry("d/out", "symlink", "../../x"),
      entry("dir", "directory"),
      entry("d/gone", "symlink", "nothing"),
    ]);
    assert.deepEqual(table.lookup("d/out"), {
      ok: false,
      reason: "outside-archive",
      path: "d/out",
      linkPath: "d/out",
      linkTarget: "../../x",
    });
    assert.deepEqual(table.lookup("dir"), { ok: false, reason: "not-a-file", path: "dir" });
    assert.deepEqual(table.lookup("nope"), { ok: false, reason: "missing", path: "nope" });
    assert.deepEqual(table.lookup("d/gone"), {
      ok: false,
      reason: "missing",
      path: "d/gone",
      linkPath: "d/gone",
      linkTarget: "nothing",
    });
  });
});

describe("EntryTable problems", () => {
  test("unsafe paths, and duplicate files however their names are spelled; the last duplicate is kept", () => {
    const first = entry("manifest.json");
    const last = entry("./manifest.json");
    const table = new EntryTable([
      first,
      entry("../evil"),
      last,
      entry("blobs/", "directory"),
      entry("./blobs", "directory"),
    ]);
    assert.deepEqual(described(table), [
      ["unsafe-path", null, "../evil"],
      ["duplicate-entry", null, "manifest.json"],
    ]);
    const found = table.lookup("manifest.json");
    assert.ok(found.ok && found.entry === last);
  });

  test("entries of different kinds on one path, or paths differing only in case, are aliases", () => {
    const table = new EntryTable([
      entry("a//b"),
      entry("a/b/", "directory"),
      entry("Config.json"),
      entry("config.json"),
      entry("Dir", "directory"),
      entry("dir", "directory"),
    ]);
    assert.deepEqual(described(table), [
      ["ambiguous-archive", "path-alias", "a/b"],
      ["ambiguous-archive", "path-alias", "config.json"],
    ]);
  });

  test("an entry below a symlink, hard link or file is placed through it by extraction only", () => {
    const table = new EntryTable([
      entry("link", "symlink", "real"),
      entry("link/manifest.json"),
      entry("file"),
      entry("file/x"),
      entry("real", "directory"),
      entry("real/ok"),
    ]);
    assert.deepEqual(described(table), [
      ["ambiguous-archive", "path-through-link", "link/manifest.json"],
      ["ambiguous-archive", "path-through-link", "file/x"],
    ]);
  });

  test("a link in place of manifest.json, index.json, oci-layout or a blob is ambiguous (containerd skips links)", () => {
    const table = new EntryTable([
      entry("real.json"),
      entry("manifest.json", "symlink", "real.json"),
      entry("blobs/sha256/aa", "hardlink", "real.json"),
      entry("v1/layer.tar", "symlink", "../real.json"),
    ]);
    assert.deepEqual(described(table), [
      ["ambiguous-archive", "link", "manifest.json"],
      ["ambiguous-archive", "link", "blobs/sha256/aa"],
    ]);
  });

  test("reader ambiguities are reported with their offsets", () => {
    const table = new EntryTable(
      [entry("x")],
      [{ construct: "sparse-entry", path: "x", offset: 512, reason: "x is a GNU sparse file" }],
    );
    assert.deepEqual(table.problems, [
      {
        code: "ambiguous-archive",
        construct: "sparse-entry",
        path: "x",
        offset: 512,
        message: "ambiguous archive: x is a GNU sparse file",
      },
    ]);
  });
});

describe("EntryTable against models of the three loaders", () => {
  // Few names, so that paths collide, nest under links and links chain or loop.
  const name = fc.constantFrom("a", "b", "c", "A", ".", "..", "");
  const path = fc.array(name, { minLength: 1, maxLength: 3 }).map((parts) => parts.join("/"));
  const kind = fc.constantFrom<TarEntry["kind"]>(
    "file",
    "file",
    "file",
    "symlink",
    "symlink",
    "hardlink",
    "directory",
    "other",
  );
  const entries = fc.array(
    fc
      .record({
        rawPath: path,
        kind,
        target: fc.oneof(
          path,
          path.map((p) => `/${p}`),
        ),
      })
      .map(({ rawPath, kind, target }) =>
        entry(rawPath, kind, kind === "symlink" || kind === "hardlink" ? target : null),
      ),
    { maxLength: 8 },
  );

  test("whenever the table resolves a path, every loader that finds a file there finds the same entry", () => {
    fc.assert(
      fc.property(entries, path, (list, asked) => {
        const table = new EntryTable(list);
        const found = table.lookup(asked);
        const normalized = normalizeEntryPath(asked);
        // A table with problems makes the report tampered whatever a lookup says.
        if (!found.ok || !normalized.ok || table.problems.length > 0) return;
        for (const [loader, lookup] of [
          ["docker", dockerLookup],
          ["containers/image", containersImageLookup],
          ["containerd", containerdLookup],
        ] as const) {
          const answer: TarEntry | null = lookup(list, normalized.path);
          if (answer !== null) assert.equal(answer, found.entry, `${loader} reads another entry for ${asked}`);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
