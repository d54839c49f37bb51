import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { AmbiguousJsonError, MetadataError } from "../errors.ts";
import { itemAt } from "../util/itemAt.ts";
import { decodeJson } from "./decodeJson.ts";
import { parseDockerManifest } from "./dockerManifest.ts";
import { foldKey, GoStruct } from "./goStruct.ts";
import { parseImageConfig } from "./imageConfig.ts";
import { parseImageIndex, parseImageManifest, parseOciLayoutFile } from "./ociDocuments.ts";

const D1 = `sha256:${"a".repeat(64)}`;
const D2 = `sha256:${"b".repeat(64)}`;
const read = (text: string) => decodeJson(new TextEncoder().encode(text), "doc");
const ambiguity = (parse: () => unknown) => {
  try {
    parse();
  } catch (error) {
    if (error instanceof AmbiguousJsonError) return [error.construct, error.reason];
    throw error;
  }
  assert.fail("expected an AmbiguousJsonError");
};
const noAmbiguity = (reason: string): never => assert.fail(reason);

describe("GoStruct: fields found as Go's encoding/json finds them", () => {
  test("a key matches its field whatever its ASCII case", () => {
    const object = new GoStruct({ CONFIG: 1, rEpOtAgS: 2, "OS.Version": 3 }, noAmbiguity);
    assert.deepEqual(
      [object.get("Config"), object.get("RepoTags"), object.get("os.version"), object.get("Layers")],
      [1, 2, 3, undefined],
    );
    assert.deepEqual([object.has("config"), object.has("layers")], [true, false]);
  });

  test("foldKey: ASCII keys fold to lowercase; ſ and the Kelvin sign fold to ASCII; other letters to their simple fold", () => {
    assert.deepEqual(["Layers", "Layerſ", "\u212Aey", "ΣΑΣ", "ςας", "straße", "STRAẞE"].map(foldKey), [
      "layers",
      "layers",
      "key",
      "σασ",
      "σασ",
      "straße",
      "straße",
    ]);
  });

  test("refuses two keys that fold to one field, even fields the engine does not read", () => {
    const reasons: string[] = [];
    const collect = (reason: string): never => {
      reasons.push(reason);
      throw new Error("stop");
    };
    assert.throws(() => new GoStruct({ Parent: "a", PARENT: "b" }, collect), /stop/);
    assert.deepEqual(reasons, [
      'has the keys "Parent" and "PARENT": Go\'s encoding/json matches keys to fields case-insensitively, so docker, containerd and containers/image read the last, "PARENT"',
    ]);
  });

  test("refuses a non-ASCII key that Go matches to an ASCII field (ſ for s, Kelvin for k)", () => {
    const reasons: string[] = [];
    const collect = (reason: string): never => {
      reasons.push(reason);
      throw new Error("stop");
    };
    assert.throws(() => new GoStruct({ "Layer\u017f": [] }, collect), /stop/);
    assert.throws(() => new GoStruct({ "\u212Aey": [] }, collect), /stop/);
    assert.deepEqual(reasons, [
      'has the key "Layerſ", which Go\'s encoding/json matches to a field named "layers" (it folds ſ to s and the Kelvin sign to k)',
      'has the key "\u212Aey", which Go\'s encoding/json matches to a field named "key" (it folds ſ to s and the Kelvin sign to k)',
    ]);
  });

  test("non-ASCII keys that no ASCII field matches are read and ignored, as Go ignores unknown keys", () => {
    const object = new GoStruct({ confié: 1, Config: 2 }, noAmbiguity);
    assert.equal(object.get("Config"), 2);
  });
});

describe("documents read with Go's field matching", () => {
  test("manifest.json: a lone lowercase config is Config, as Go reads it", () => {
    assert.deepEqual(parseDockerManifest(read('[{"config":"c.json","repotags":["a:1"],"LAYERS":["l.tar"]}]')), [
      { config: "c.json", repoTags: ["a:1"], layers: ["l.tar"] },
    ]);
  });

  test('manifest.json: "Config" and "config" in one item are ambiguous (docker and skopeo read the last)', () => {
    assert.deepEqual(
      ambiguity(() => parseDockerManifest(read('[{"Config":"benign.json","Layers":[],"config":"evil.json"}]'))),
      [
        "json",
        '[0] has the keys "Config" and "config": Go\'s encoding/json matches keys to fields case-insensitively, so docker, containerd and containers/image read the last, "config"',
      ],
    );
  });

  test("manifest.json: a key with ſ that Go reads as Layers is ambiguous", () => {
    assert.equal(
      ambiguity(() => parseDockerManifest(read('[{"Config":"c.json","Layers":["a"],"Layer\u017f":["b"]}]')))[0],
      "json",
    );
  });

  const descriptor = `{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"${D1}","size":10}`;

  test("index: descriptor, platform and document fields in any case; annotations keep exact keys", () => {
    const index = parseImageIndex(
      read(
        `{"SchemaVersion":2,"Manifests":[{"MediaType":"application/vnd.oci.image.manifest.v1+json","Digest":"${D1}","SIZE":10,"Platform":{"OS":"linux","Architecture":"arm64"},"annotations":{"A":"1","a":"2"}}]}`,
      ),
      "index.json",
    );
    assert.deepEqual(index.manifests, [
      {
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        digest: D1,
        size: 10,
        platform: { os: "linux", architecture: "arm64" },
        annotations: { A: "1", a: "2" },
        urls: [],
      },
    ]);
  });

  test("index: case-folded keys in a descriptor or its platform are ambiguous", () => {
    assert.match(
      itemAt(
        ambiguity(() =>
          parseImageIndex(read(`{"schemaVersion":2,"manifests":[{"digest":"${D1}","Digest":"${D2}","size":1}]}`), "i"),
        ),
        1,
      ),
      /^manifests\[0\] has the keys "digest" and "Digest"/,
    );
    assert.match(
      itemAt(
        ambiguity(() =>
          parseImageIndex(
            read(
              `{"schemaVersion":2,"manifests":[{"digest":"${D1}","size":1,"platform":{"os":"linux","OS":"windows","architecture":"amd64"}}]}`,
            ),
            "i",
          ),
        ),
        1,
      ),
      /^manifests\[0\]\.platform has the keys "os" and "OS"/,
    );
    assert.match(
      itemAt(
        ambiguity(() => parseImageIndex(read(`{"schemaVersion":2,"manifests":[${descriptor}],"Manifests":[]}`), "i")),
        1,
      ),
      /^the document has the keys "manifests" and "Manifests"/,
    );
  });

  test("manifest: CONFIG beside config is ambiguous; a size of 1.0 or 1e3 is not an integer to Go", () => {
    const config = `{"digest":"${D1}","size":1}`;
    assert.equal(
      ambiguity(() =>
        parseImageManifest(read(`{"schemaVersion":2,"config":${config},"CONFIG":${config},"layers":[]}`), "m"),
      )[0],
      "json",
    );
    assert.throws(
      () => parseImageManifest(read(`{"schemaVersion":2,"config":{"digest":"${D1}","size":1.0},"layers":[]}`), "m"),
      {
        name: "MetadataError",
        message: "m: config.size is 1.0: Go's integer fields refuse fractions and exponents",
      },
    );
    assert.throws(() => parseImageManifest(read(`{"schemaVersion":2e0,"config":${config},"layers":[]}`), "m"), {
      message: "m: schemaVersion is not 2",
    });
    assert.throws(
      () =>
        parseImageManifest(
          read(`{"schemaVersion":2,"config":{"digest":"${D1}","size":9007199254740993},"layers":[]}`),
          "m",
        ),
      {
        message: "m: config.size is 9007199254740993, beyond the integers the engine reads exactly (2^53 - 1)",
      },
    );
  });

  test("image config: RootFS and DIFF_IDS read as rootfs.diff_ids; rootfs twice is ambiguous", () => {
    assert.deepEqual(
      parseImageConfig(
        read(`{"RootFS":{"Type":"layers","DIFF_IDS":["${D1}"]},"OS":"linux","Architecture":"amd64"}`),
        "c",
      ),
      {
        diffIds: [D1],
        platform: { os: "linux", architecture: "amd64" },
      },
    );
    assert.equal(
      ambiguity(() =>
        parseImageConfig(
          read(`{"rootfs":{"type":"layers","diff_ids":[]},"RootFS":{"type":"layers","diff_ids":["${D1}"]}}`),
          "c",
        ),
      )[0],
      "json",
    );
    assert.equal(
      ambiguity(() =>
        parseImageConfig(read(`{"rootfs":{"type":"layers","diff_ids":[],"diff_IDs":["${D1}"]}}`), "c"),
      )[0],
      "json",
    );
  });

  test("oci-layout: imageLayoutVersion in any case; twice is ambiguous", () => {
    assert.equal(parseOciLayoutFile(read('{"ImageLayoutVersion":"1.0.0"}')), "1.0.0");
    assert.equal(
      ambiguity(() => parseOciLayoutFile(read('{"imageLayoutVersion":"1.0.0","imagelayoutversion":"9"}')))[0],
      "json",
    );
  });

  test("an ambiguity is a MetadataError too, so every caller that catches one catches both", () => {
    assert.throws(() => parseOciLayoutFile(read('{"a":1,"A":2}')), MetadataError);
  });
});

// ---------- against a model of Go's own matching ----------

const utf8 = (text: string) => new TextEncoder().encode(text);
const CASE_MASK = 0xdf;
const isAsciiLetter = (b: number) => (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a);

/** encoding/json fold.go, byte for byte: does `key` select the struct field named `name` (ASCII)? */
function goMatches(name: string, key: string): boolean {
  if (name === key) return true;
  const s = utf8(name);
  const t = utf8(key);
  const special = [...s].some((b) => (b & CASE_MASK) === 0x4b || (b & CASE_MASK) === 0x53);
  const nonLetter = [...s].some((b) => !isAsciiLetter(b));
  if (special) {
    // equalFoldRight
    let at = 0;
    for (const sb of s) {
      if (at >= t.length) return false;
      const tb = itemAt(t, at);
      if (tb < 0x80) {
        if (sb !== tb && !(isAsciiLetter(sb) && (sb & CASE_MASK) === (tb & CASE_MASK))) return false;
        at++;
        continue;
      }
      const rest = new TextDecoder().decode(t.subarray(at));
      const rune = rest.codePointAt(0);
      if ((sb | 0x20) === 0x73 && rune === 0x17f) at += 2;
      else if ((sb | 0x20) === 0x6b && rune === 0x212a) at += 3;
      else return false;
    }
    return at === t.length;
  }
  if (s.length !== t.length) return false;
  if (nonLetter)
    return [...s].every(
      (sb, i) => sb === t[i] || (isAsciiLetter(sb) && (sb & CASE_MASK) === (itemAt(t, i) & CASE_MASK)),
    );
  return [...s].every((sb, i) => (sb & CASE_MASK) === (itemAt(t, i) & CASE_MASK));
}

describe("GoStruct against a model of Go's key matching (fold.go)", () => {
  const FIELDS = ["Config", "Layers", "RepoTags", "os.version", "diff_ids", "mediaType", "Kind", "task"];
  const respell = (name: string) =>
    fc
      .array(fc.constantFrom("keep", "flip", "long-s", "kelvin"), { minLength: name.length, maxLength: name.length })
      .map((edits) =>
        [...name]
          .map((c, i) => {
            const edit = edits[i];
            if (edit === "flip") return c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase();
            if (edit === "long-s" && (c === "s" || c === "S")) return "\u017f";
            if (edit === "kelvin" && (c === "k" || c === "K")) return "\u212a";
            return c;
          })
          .join(""),
      );
  const key = fc.oneof(
    fc.constantFrom(...FIELDS).chain(respell),
    fc.string({ maxLength: 6 }),
    fc.string({ unit: "grapheme", maxLength: 4 }),
  );

  test("whenever GoStruct reads an object, each field has the value Go's last matching key gives it (5,000 cases)", () => {
    let foldedReads = 0;
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(key, fc.nat()), { selector: ([k]) => k, maxLength: 6 }), (pairs) => {
        let object: GoStruct;
        try {
          object = new GoStruct(Object.fromEntries(pairs), (reason) => {
            throw new Error(reason);
          });
        } catch {
          return; // refused: never read otherwise than Go
        }
        // Document order is insertion order, except for integer-like keys, which match no field.
        for (const field of FIELDS) {
          const matching = pairs.filter(([k]) => goMatches(field, k));
          assert.equal(object.get(field), matching.at(-1)?.[1], `${field} in ${JSON.stringify(pairs)}`);
          if (matching.some(([k]) => k !== field)) foldedReads++;
        }
      }),
      { numRuns: 5000 },
    );
    assert.ok(foldedReads > 100, `keys matched by folding: ${foldedReads}`);
  });
});
