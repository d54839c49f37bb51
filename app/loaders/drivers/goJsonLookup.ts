// Reads fields out of JSON the way Go's encoding/json fills a struct, for documents a Go
// loader already accepted (containerd's content store): object keys match field names
// case-insensitively (with Unicode simple folding: ſ is s, K is k), the last matching key
// wins, and null leaves a struct or string field as it was but empties a slice.
// Lenient on purpose: it never decides whether a document is valid, the loader did that.

export type GoJson =
  | { kind: "object"; entries: [string, GoJson][] }
  | { kind: "array"; items: GoJson[] }
  | { kind: "string"; value: string }
  | { kind: "number"; text: string }
  | { kind: "bool"; value: boolean }
  | { kind: "null" };

class GoJsonSyntaxError extends Error {
  readonly code = "go-json-syntax";
}

export function parseGoJson(text: string): GoJson {
  let i = 0;
  const ws = () => {
    while (i < text.length && " \t\r\n".includes(text[i] ?? "")) i++;
  };
  const fail = (why: string): never => {
    throw new GoJsonSyntaxError(`${why} at ${i}`);
  };
  const str = (): string => {
    let out = "";
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") {
        const c = text[i + 1];
        if (c === "u") {
          out += String.fromCharCode(Number.parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
          continue;
        }
        out += ({ n: "\n", t: "\t", r: "\r", b: "\b", f: "\f" } as Record<string, string>)[c ?? ""] ?? c ?? "";
        i += 2;
      } else out += text[i++];
    }
    if (text[i] !== '"') fail("unterminated string");
    i++;
    return out;
  };
  const value = (): GoJson => {
    ws();
    const c = text[i];
    if (c === "{") {
      i++;
      const entries: [string, GoJson][] = [];
      ws();
      if (text[i] === "}") {
        i++;
        return { kind: "object", entries };
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail("expected a key");
        const key = str();
        ws();
        if (text[i++] !== ":") fail("expected :");
        entries.push([key, value()]);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return { kind: "object", entries };
        } else fail("expected , or }");
      }
    }
    if (c === "[") {
      i++;
      const items: GoJson[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return { kind: "array", items };
      }
      for (;;) {
        items.push(value());
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return { kind: "array", items };
        } else fail("expected , or ]");
      }
    }
    if (c === '"') return { kind: "string", value: str() };
    const word = /^(true|false|null|-?[0-9][0-9.eE+-]*)/.exec(text.slice(i, i + 64))?.[0];
    if (!word) return fail("unexpected character");
    i += word.length;
    if (word === "null") return { kind: "null" };
    if (word === "true" || word === "false") return { kind: "bool", value: word === "true" };
    return { kind: "number", text: word };
  };
  return value();
}

/** Go's simple case folding for ASCII field names: ſ (U+017F) folds to s, K (U+212A) to k. */
function foldKey(key: string): string {
  return key
    .replace(/\u017f/g, "s")
    .replace(/\u212a/g, "k")
    .toLowerCase();
}

type FieldKind = "struct" | "slice" | "scalar";

/** The value Go would leave in struct field `name` of `kind`, or undefined when unset. */
export function goField(object: GoJson | undefined, name: string, kind: FieldKind): GoJson | undefined {
  if (object?.kind !== "object") return undefined;
  const wanted = foldKey(name);
  let result: GoJson | undefined;
  for (const [key, value] of object.entries) {
    if (foldKey(key) !== wanted) continue;
    if (value.kind === "null") {
      if (kind === "slice") result = undefined;
      continue;
    }
    // a repeated struct key decodes into the same struct: its fields merge, later ones win
    if (kind === "struct" && value.kind === "object" && result?.kind === "object") {
      result = { kind: "object", entries: [...result.entries, ...value.entries] };
    } else result = value;
  }
  return result;
}

export function goString(object: GoJson | undefined, name: string): string | undefined {
  const value = goField(object, name, "scalar");
  return value?.kind === "string" ? value.value : undefined;
}

export function goArray(object: GoJson | undefined, name: string): GoJson[] {
  const value = goField(object, name, "slice");
  return value?.kind === "array" ? value.items : [];
}
