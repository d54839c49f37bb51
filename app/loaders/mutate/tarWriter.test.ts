import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { it } from "node:test";
import fc from "fast-check";
import { listTar } from "./tarReader.ts";
import { fileRecord, utf8, writeTar } from "./tarWriter.ts";

const name = fc.stringMatching(/^[a-z0-9][a-z0-9._-]{0,20}(\/[a-z0-9._-]{1,20}){0,2}$/);

it("reads back what it writes: names (long ones through pax), data and link targets", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.record({
          path: fc.oneof(
            name,
            name.map((n) => `${n}/${"x".repeat(120)}`),
          ),
          data: fc.uint8Array({ maxLength: 1500 }),
        }),
        { maxLength: 6 },
      ),
      (files) => {
        const tar = writeTar(
          files.map((f) =>
            f.path.length > 99
              ? fileRecord(f.path.slice(0, 99), f.data, { pax: [["path", f.path]] })
              : fileRecord(f.path, f.data),
          ),
        );
        const read = listTar(tar).map((e) => ({ path: e.path, data: e.data }));
        assert.deepEqual(
          read,
          files.map((f) => ({ path: f.path, data: Uint8Array.from(f.data) })),
        );
      },
    ),
    { numRuns: 100 },
  );
});

it("writes headers GNU tar lists as the same entries (the reference reader)", () => {
  const dir = mkdtempSync(join(tmpdir(), "imageseal-tarwriter-"));
  const file = join(dir, "t.tar");
  writeFileSync(
    file,
    writeTar([
      fileRecord("a.txt", utf8("hello")),
      fileRecord("short", utf8("x"), { pax: [["path", `long/${"n".repeat(150)}`]] }),
      fileRecord("decoy", utf8("y"), { gnuLongName: utf8("gnu-long-name\0"), magic: "gnu" }),
      { record: { name: "link", type: "2", linkname: "a.txt" } },
      fileRecord("b256", utf8("z"), { binarySize: true, magic: "gnu" }),
    ]),
  );
  const listed = execFileSync("tar", ["-tvf", file], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((l) => l.split(/\s+/).slice(5).join(" "));
  assert.deepEqual(listed, ["a.txt", `long/${"n".repeat(150)}`, "gnu-long-name", "link -> a.txt", "b256"]);
});
