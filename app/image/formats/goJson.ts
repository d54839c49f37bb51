// A strict RFC 8259 JSON decoder that reads text the way Go's encoding/json (docker,
// containerd, containers/image) reads it, or refuses it. JSON.parse disagrees with Go on
// duplicate keys (both keep the last, but Go merges a repeated object into the first), lone
// surrogate escapes (Go reads U+FFFD), a leading byte order mark (Go refuses it) and data
// after the value (docker's json.Decoder ignores it, json.Unmarshal refuses it): those are
// refused as ambiguous, as is nesting deeper than MAX_JSON_DEPTH; syntax errors as invalid.
// Numbers other than plain safe integers stay JsonNumber lexemes, so nothing mistakes 1.0,
// 1e3 (which Go's int fields refuse) or 2^60 (which JavaScript rounds) for an integer.
// Case-folded keys are goStruct.ts's concern: only the reader knows which objects are structs.
import { MAX_JSON_DEPTH } from "../limits.ts";

/** A number whose lexeme is not a plain safe integer: Go's integer fields would refuse it or read it differently. */
export class JsonNumber {
  readonly lexeme: string;
  constructor(lexeme: string) {
    this.lexeme = lexeme;
  }
}

export type JsonValue = null | boolean | number | string | JsonNumber | JsonValue[] | { [key: string]: JsonValue };

/** Why a text was refused; `ambiguous` when Go would read it, or read it otherwise than a JavaScript reader. */
export class GoJsonError extends Error {
  override readonly name = "GoJsonError";
  readonly ambiguous: boolean;
  /** Offset in the text (UTF-16 code units) of the character at fault. */
  readonly offset: number;
  constructor(message: string, ambiguous: boolean, offset: number) {
    super(message);
    this.ambiguous = ambiguous;
    this.offset = offset;
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const BOM = 0xfeff;
const ESCAPES: Readonly<Record<number, string>> = {
  34: '"',
  92: "\\",
  47: "/",
  98: "\b",
  102: "\f",
  110: "\n",
  114: "\r",
  116: "\t",
};

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

function describe(text: string, at: number): string {
  if (at >= text.length) return "end of text";
  const c = text.codePointAt(at) ?? 0;
  return c < 0x20 || c === 0x7f ? `U+${c.toString(16).toUpperCase().padStart(4, "0")}` : `'${String.fromCodePoint(c)}'`;
}

class Decoder {
  readonly #text: string;
  #at = 0;
  #depth = 0;

  constructor(text: string) {
    this.#text = text;
  }

  decode(): JsonValue {
    if (this.#text.charCodeAt(0) === BOM) {
      throw new GoJsonError(
        "starts with a UTF-8 byte order mark, which Go's encoding/json refuses (JSON.parse after TextDecoder skips it)",
        true,
        0,
      );
    }
    const value = this.#value();
    this.#skipSpace();
    if (this.#at < this.#text.length) {
      throw new GoJsonError(
        `has data after the JSON value, at character ${this.#at}: docker's json.Decoder ignores it, json.Unmarshal (containers/image, containerd) refuses it`,
        true,
        this.#at,
      );
    }
    return value;
  }

  #invalid(what: string): never {
    throw new GoJsonError(`is not valid JSON (${what} at character ${this.#at})`, false, this.#at);
  }

  #unexpected(): never {
    this.#invalid(`unexpected ${describe(this.#text, this.#at)}`);
  }

  #skipSpace(): void {
    const text = this.#text;
    let at = this.#at;
    while (at < text.length && isSpace(text.charCodeAt(at))) at++;
    this.#at = at;
  }

  #value(): JsonValue {
    this.#skipSpace();
    const c = this.#text.charCodeAt(this.#at);
    if (c === QUOTE) return this.#string();
    if (c === 0x7b) return this.#object();
    if (c === 0x5b) return this.#array();
    if (c === 0x2d || isDigit(c)) return this.#number();
    if (c === 0x74) return this.#literal("true", true);
    if (c === 0x66) return this.#literal("false", false);
    if (c === 0x6e) return this.#literal("null", null);
    this.#unexpected();
  }

  #enter(): void {
    if (++this.#depth > MAX_JSON_DEPTH) {
      throw new GoJsonError(
        `nests deeper than ${MAX_JSON_DEPTH} levels, at character ${this.#at} (Go reads up to 10,000)`,
        true,
        this.#at,
      );
    }
    this.#at++;
  }

  #object(): { [key: string]: JsonValue } {
    this.#enter();
    const object: { [key: string]: JsonValue } = {};
    this.#skipSpace();
    if (this.#text.charCodeAt(this.#at) === 0x7d) {
      this.#at++;
      this.#depth--;
      return object;
    }
    for (;;) {
      this.#skipSpace();
      if (this.#text.charCodeAt(this.#at) !== QUOTE) this.#unexpected();
      const keyAt = this.#at;
      const key = this.#string();
      this.#skipSpace();
      if (this.#text.charCodeAt(this.#at) !== 0x3a) this.#unexpected();
      this.#at++;
      const value = this.#value();
      if (Object.hasOwn(object, key)) {
        throw new GoJsonError(
          `has the key ${JSON.stringify(key)} twice in one object (the second at character ${keyAt}): Go's encoding/json keeps the last and merges a repeated object into the first`,
          true,
          keyAt,
        );
      }
      // As JSON.parse does: "__proto__" is an ordinary own key, never the prototype.
      if (key === "__proto__")
        Object.defineProperty(object, key, { value, writable: true, enumerable: true, configurable: true });
      else object[key] = value;
      this.#skipSpace();
      const next = this.#text.charCodeAt(this.#at);
      this.#at++;
      if (next === 0x2c) continue;
      if (next === 0x7d) break;
      this.#at--;
      this.#unexpected();
    }
    this.#depth--;
    return object;
  }

  #array(): JsonValue[] {
    this.#enter();
    const array: JsonValue[] = [];
    this.#skipSpace();
    if (this.#text.charCodeAt(this.#at) === 0x5d) {
      this.#at++;
      this.#depth--;
      return array;
    }
    for (;;) {
      array.push(this.#value());
      this.#skipSpace();
      const next = this.#text.charCodeAt(this.#at);
      this.#at++;
      if (next === 0x2c) continue;
      if (next === 0x5d) break;
      this.#at--;
      this.#unexpected();
    }
    this.#depth--;
    return array;
  }

  #literal<T extends JsonValue>(word: string, value: T): T {
    if (!this.#text.startsWith(word, this.#at)) this.#unexpected();
    this.#at += word.length;
    return value;
  }

  /** Plain safe integers become numbers; every other lexeme stays a JsonNumber. */
  #number(): number | JsonNumber {
    const text = this.#text;
    const start = this.#at;
    let at = start;
    if (text.charCodeAt(at) === 0x2d) at++;
    const first = text.charCodeAt(at);
    if (first === 0x30) at++;
    else if (isDigit(first)) while (isDigit(text.charCodeAt(at))) at++;
    else {
      this.#at = at;
      this.#unexpected();
    }
    let plain = true;
    if (text.charCodeAt(at) === 0x2e) {
      plain = false;
      at++;
      if (!isDigit(text.charCodeAt(at))) {
        this.#at = at;
        this.#unexpected();
      }
      while (isDigit(text.charCodeAt(at))) at++;
    }
    const e = text.charCodeAt(at);
    if (e === 0x65 || e === 0x45) {
      plain = false;
      at++;
      const sign = text.charCodeAt(at);
      if (sign === 0x2b || sign === 0x2d) at++;
      if (!isDigit(text.charCodeAt(at))) {
        this.#at = at;
        this.#unexpected();
      }
      while (isDigit(text.charCodeAt(at))) at++;
    }
    this.#at = at;
    const lexeme = text.slice(start, at);
    if (plain) {
      const value = Number(lexeme);
      if (Number.isSafeInteger(value)) return value;
    }
    return new JsonNumber(lexeme);
  }

  #string(): string {
    const text = this.#text;
    const start = this.#at + 1;
    let at = start;
    // Fast path: no escapes, the common case for every key and value of an image document.
    for (;;) {
      const c = text.charCodeAt(at);
      if (c === QUOTE) {
        this.#at = at + 1;
        return text.slice(start, at);
      }
      if (c === BACKSLASH || c < 0x20 || at >= text.length) break;
      at++;
    }
    let result = text.slice(start, at);
    for (;;) {
      const c = text.charCodeAt(at);
      if (at >= text.length) {
        this.#at = at;
        this.#invalid("unterminated string");
      }
      if (c === QUOTE) {
        this.#at = at + 1;
        return result;
      }
      if (c < 0x20) {
        this.#at = at;
        this.#invalid(`unescaped ${describe(text, at)} in a string`);
      }
      if (c !== BACKSLASH) {
        const runStart = at;
        while (at < text.length) {
          const d = text.charCodeAt(at);
          if (d === QUOTE || d === BACKSLASH || d < 0x20) break;
          at++;
        }
        result += text.slice(runStart, at);
        continue;
      }
      const escaped = text.charCodeAt(at + 1);
      if (escaped === 0x75) {
        const unit = this.#hex4(at);
        if (
          unit >= 0xd800 &&
          unit <= 0xdbff &&
          text.charCodeAt(at + 6) === BACKSLASH &&
          text.charCodeAt(at + 7) === 0x75
        ) {
          const low = this.#hex4(at + 6);
          if (low >= 0xdc00 && low <= 0xdfff) {
            result += String.fromCharCode(unit, low);
            at += 12;
            continue;
          }
        }
        if (unit >= 0xd800 && unit <= 0xdfff) {
          throw new GoJsonError(
            `has ${text.slice(at, at + 6)}, a lone UTF-16 surrogate, at character ${at}: Go's encoding/json reads it as U+FFFD, JSON.parse keeps it`,
            true,
            at,
          );
        }
        result += String.fromCharCode(unit);
        at += 6;
        continue;
      }
      const replacement = ESCAPES[escaped];
      if (replacement === undefined) {
        this.#at = at;
        this.#invalid(`bad escape \\${describe(text, at + 1)}`);
      }
      result += replacement;
      at += 2;
    }
  }

  /** The four hex digits of the \u escape at `at`. */
  #hex4(at: number): number {
    let unit = 0;
    for (let i = 2; i < 6; i++) {
      const digit = hexValue(this.#text.charCodeAt(at + i));
      if (digit < 0) {
        this.#at = at;
        this.#invalid("bad \\u escape");
      }
      unit = unit * 16 + digit;
    }
    return unit;
  }
}

/** Decodes one JSON text as Go's encoding/json would, or throws a GoJsonError saying why not. */
export function decodeGoJson(text: string): JsonValue {
  return new Decoder(text).decode();
}
