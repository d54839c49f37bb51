import assert from "node:assert/strict";
import { it } from "node:test";
import fc from "fast-check";
import { goArray, goField, goString, parseGoJson } from "./goJsonLookup.ts";

it("reads what JSON.parse reads when keys are exact and unique", () => {
  fc.assert(
    fc.property(
      fc.dictionary(fc.stringMatching(/^[a-z_]{1,8}$/), fc.oneof(fc.string(), fc.array(fc.string(), { maxLength: 3 }))),
      (object) => {
        const doc = parseGoJson(JSON.stringify(object));
        for (const [key, value] of Object.entries(object)) {
          if (typeof value === "string") assert.equal(goString(doc, key), value);
          else
            assert.deepEqual(
              goArray(doc, key).map((v) => (v.kind === "string" ? v.value : null)),
              value,
            );
        }
      },
    ),
    { numRuns: 200 },
  );
});

it("matches keys as Go does: case-insensitively, ſ as s and K as k, the last match winning", () => {
  const doc = parseGoJson('{"Config":"a","CONFIG":"b","layerſ":["x"],"Kind":"k1","\\u212aind":"k2"}');
  assert.deepEqual([goString(doc, "config"), goArray(doc, "Layers").length, goString(doc, "kind")], ["b", 1, "k2"]);
});

it("leaves a string or struct as it was on null, empties a slice, merges a repeated struct", () => {
  const doc = parseGoJson(
    '{"config":"a","config":null,"layers":["x"],"layers":null,"rootfs":{"diff_ids":["d"]},"rootfs":{"type":"layers"}}',
  );
  assert.equal(goString(doc, "config"), "a");
  assert.equal(goField(doc, "layers", "slice"), undefined);
  assert.deepEqual(goArray(goField(doc, "rootfs", "struct"), "diff_ids").length, 1);
});
