// JSON-level tricks on one target document: text that Go's encoding/json (every loader)
// reads as one value and a JavaScript JSON.parse reads as another, or that one of them
// refuses. `dual(goValue, otherValue)` walks both values and, at each key whose values
// differ, writes that key so that Go ends up with goValue and JSON.parse with otherValue.
import type { Json } from "./baseArchive.ts";
import { concat, utf8 } from "./tarWriter.ts";

interface JsonTrick {
  name: string;
  why: string;
  /** true: build from (goValue, otherValue); false: a rewrite of one document (the benign one). */
  dual: boolean;
  /** null when the trick does not apply to these values (e.g. no key with an s or k to fold). */
  build(goValue: Json, otherValue: Json): Uint8Array | null;
}

type KeyWriter = (key: string, goValue: Json, otherValue: Json) => string | null;

const str = JSON.stringify;
const same = (a: Json, b: Json) => str(a) === str(b);

/** Writes an object where keys with equal values appear once and differing keys go to `writeKey`. */
function dualText(goValue: Json, otherValue: Json, writeKey: KeyWriter): string | null {
  const isObject = (v: Json): v is { [k: string]: Json } => typeof v === "object" && v !== null && !Array.isArray(v);
  if (
    Array.isArray(goValue) &&
    Array.isArray(otherValue) &&
    goValue.length === otherValue.length &&
    goValue.length > 0 &&
    isObject(goValue[0] ?? null)
  ) {
    const parts = goValue.map((item, i) => dualText(item, otherValue[i] ?? null, writeKey));
    return parts.every((p) => p !== null) ? `[${parts.join(",")}]` : null;
  }
  if (!isObject(goValue) || !isObject(otherValue)) return null;
  const keys = [...new Set([...Object.keys(otherValue), ...Object.keys(goValue)])];
  const parts: string[] = [];
  for (const key of keys) {
    const g = goValue[key];
    const o = otherValue[key];
    if (g !== undefined && o !== undefined && same(g, o)) {
      parts.push(`${str(key)}:${str(g)}`);
      continue;
    }
    const nested = g !== undefined && o !== undefined && isObject(g) && isObject(o) ? dualText(g, o, writeKey) : null;
    if (nested !== null) {
      parts.push(`${str(key)}:${nested}`);
      continue;
    }
    const written = writeKey(key, g ?? null, o ?? null);
    if (written === null) return null;
    parts.push(written);
  }
  return `{${parts.join(",")}}`;
}

const caseVariant = (key: string) => (key === key.toUpperCase() ? key.toLowerCase() : key.toUpperCase());
/** Go folds ſ to s and K (Kelvin) to k; JSON.parse sees a different key. */
const unicodeFold = (key: string) => (/[sk]/.test(key) ? key.replace(/s/g, "\u017f").replace(/k/g, "\u212a") : null);

function dualTrick(name: string, why: string, writeKey: KeyWriter): JsonTrick {
  return { name, why, dual: true, build: (g, o) => (same(g, o) ? null : mapText(dualText(g, o, writeKey))) };
}

const mapText = (text: string | null) => (text === null ? null : utf8(text));

export const JSON_TRICKS: readonly JsonTrick[] = [
  dualTrick(
    "json-duplicate-key",
    "both take the last of duplicate keys; a first-wins reader does not",
    (k, g, o) => `${str(k)}:${str(o)},${str(k)}:${str(g)}`,
  ),
  dualTrick(
    "json-case-variant-key",
    "Go matches keys case-insensitively, last wins; JSON.parse keeps the exact key",
    (k, g, o) => `${str(k)}:${str(o)},${str(caseVariant(k))}:${str(g)}`,
  ),
  dualTrick("json-unicode-fold-key", "Go folds ſ→s and K→k when matching keys", (k, g, o) => {
    const folded = unicodeFold(k);
    return folded === null ? null : `${str(k)}:${str(o)},${str(folded)}:${str(g)}`;
  }),
  dualTrick(
    "json-variant-key-only",
    "only a case-variant key: Go reads it, JSON.parse finds no field",
    (k, g) => `${str(caseVariant(k))}:${str(g)}`,
  ),
  dualTrick(
    "json-null-after",
    "Go leaves a string or struct field as it was on null; JSON.parse takes the null",
    (k, g) => `${str(k)}:${str(g)},${str(k)}:null`,
  ),
  dualTrick(
    "json-escaped-variant-key",
    "a \\u-escaped case variant: Go unescapes, then folds",
    (k, g, o) =>
      `${str(k)}:${str(o)},"${[...caseVariant(k)].map((ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`).join("")}":${str(g)}`,
  ),
  {
    name: "json-two-values",
    why: "json.Unmarshal refuses trailing data; a json.Decoder reads the first value",
    dual: true,
    build: (g, o) => utf8(`${str(g)}\n${str(o)}`),
  },
  {
    name: "json-bom",
    why: "Go refuses a BOM; a TextDecoder strips it",
    dual: false,
    build: (g) => concat([new Uint8Array([0xef, 0xbb, 0xbf]), utf8(str(g))]),
  },
  {
    name: "json-trailing-nul",
    why: "Go refuses trailing NULs",
    dual: false,
    build: (g) => concat([utf8(str(g)), new Uint8Array(2)]),
  },
  {
    name: "json-trailing-garbage",
    why: "Go refuses trailing non-space",
    dual: false,
    build: (g) => utf8(`${str(g)}x`),
  },
  {
    name: "json-all-escaped",
    why: "every key and digest written with \\u escapes: the same value to both",
    dual: false,
    build: (g) =>
      utf8(
        str(g)
          .replace(
            /"([A-Za-z]+)":/g,
            (_, key: string) => `"\\u${key.charCodeAt(0).toString(16).padStart(4, "0")}${key.slice(1)}":`,
          )
          .replace(
            /sha256:([0-9a-f])/g,
            (_, ch: string) => `sha256:\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`,
          ),
      ),
  },
  {
    name: "json-size-float",
    why: "Go cannot read 1.0 into an int64 size; JSON.parse can",
    dual: false,
    build: (g) => swapNumbers(str(g), (n) => `${n}.0`),
  },
  {
    name: "json-size-exponent",
    why: "Go cannot read 1e3 into an int64 size; JSON.parse can",
    dual: false,
    build: (g) => swapNumbers(str(g), (n) => (n % 10 === 0 && n > 0 ? `${n / 10}e1` : `${n}e0`)),
  },
  {
    name: "json-invalid-utf8",
    why: "Go replaces invalid UTF-8 with U+FFFD inside strings",
    dual: false,
    build: (g) => invalidUtf8(str(g)),
  },
  {
    name: "json-lone-surrogate",
    why: "Go turns a lone \\ud800 into U+FFFD; JSON.parse keeps it",
    dual: false,
    build: (g) =>
      utf8(
        str(g).replace(
          /"(RepoTags|annotations)":(\[|\{)"/,
          (_m, key: string, open: string) => `"${key}":${open}"\\ud800`,
        ),
      ),
  },
];

function swapNumbers(text: string, rewrite: (n: number) => string): Uint8Array | null {
  let changed = false;
  const out = text.replace(/"size":(\d+)/g, (_m, n: string) => {
    changed = true;
    return `"size":${rewrite(Number(n))}`;
  });
  return changed ? utf8(out) : null;
}

function invalidUtf8(text: string): Uint8Array | null {
  const bytes = utf8(text);
  const at = text.search(/"(RepoTags|annotations|org\.opencontainers)/);
  if (at === -1) return null;
  const quote = text.indexOf('"', text.indexOf(":", at) + 1);
  if (quote === -1) return null;
  const offset = utf8(text.slice(0, quote + 1)).length;
  return concat([bytes.subarray(0, offset), new Uint8Array([0xff, 0xc3]), bytes.subarray(offset)]);
}
