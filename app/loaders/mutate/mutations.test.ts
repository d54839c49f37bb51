import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { loadBase, sha256 } from "./baseArchive.ts";
import { BASES, FIXTURES_DIR } from "./bases.ts";
import { buildCase, mutationsOf } from "./mutations.ts";
import { listTar } from "./tarReader.ts";

for (const [file, short] of Object.entries(BASES)) {
  describe(`mutations of ${file}`, () => {
    const base = loadBase(`${FIXTURES_DIR}${file}`);
    const set = mutationsOf(base, short);

    it("rebuilds the fixture's entries unchanged, with the evil image's entries added", () => {
      const control = buildCase(
        set,
        set.mutations.filter((m) => m.family === "control"),
        false,
      );
      assert.ok(control);
      const rebuilt = listTar(control.bytes).map((e) => `${e.type} ${e.path} ${sha256(e.data)}`);
      const expected = [...set.material.extras, ...base.entries].map(
        (e) => `${e.type} ${e.path} ${sha256(e.type === "0" ? e.data : new Uint8Array(0))}`,
      );
      assert.deepEqual(rebuilt, expected);
    });

    it("plants an evil image whose config runs /evil.sh", () => {
      assert.ok(set.material.evilImageIds.length > 0);
      for (const target of set.material.targets) assert.notDeepEqual(target.evil, target.benign, target.kind);
      const configs = set.material.extras.filter((e) => set.material.evilImageIds.includes(sha256(e.data)));
      assert.ok(configs.length > 0);
      for (const config of configs) assert.match(new TextDecoder().decode(config.data), /"Cmd":\["\/evil.sh"\]/);
    });

    it("applies every mutation, each case under 100 KB, each id once", () => {
      const ids = new Set<string>();
      for (const mutation of set.mutations) {
        assert.ok(!ids.has(mutation.id), mutation.id);
        ids.add(mutation.id);
        const built = buildCase(set, [mutation], false);
        assert.ok(built, `${mutation.id} did not apply`);
        assert.ok(built.bytes.length < 100_000, `${mutation.id}: ${built.bytes.length} bytes`);
      }
    });
  });
}
