// Small validators for JSON documents that must be what they claim. Each failure is a
// MetadataError naming the document and the field, e.g. `manifest.json: [0].Layers is not
// an array of strings`; what Go's encoding/json would read otherwise is an AmbiguousJsonError.
// Objects Go decodes into structs (every document, descriptor, platform, rootfs…) are read
// through `struct`, with Go's field matching; maps (annotations) through `stringMap`.
import { AmbiguousJsonError, MetadataError } from "../errors.ts";
import { JsonNumber } from "./goJson.ts";
import { GoStruct } from "./goStruct.ts";

export type JsonObject = Record<string, unknown>;

/** Why a number that is not a plain safe integer cannot be a size. */
function notAnInteger(number: JsonNumber): string {
  return /[.eE]/.test(number.lexeme)
    ? `is ${number.lexeme}: Go's integer fields refuse fractions and exponents`
    : `is ${number.lexeme}, beyond the integers the engine reads exactly (2^53 - 1)`;
}

export class Shape {
  readonly #path: string;

  constructor(documentPath: string) {
    this.#path = documentPath;
  }

  fail(where: string, what: string): never {
    throw new MetadataError(this.#path, `${where} ${what}`);
  }

  ambiguous(where: string, what: string, construct: "json" | "document-kind" = "json"): never {
    throw new AmbiguousJsonError(this.#path, `${where} ${what}`, construct);
  }

  object(value: unknown, where: string): JsonObject {
    if (typeof value !== "object" || value === null || Array.isArray(value) || value instanceof JsonNumber)
      this.fail(where, "is not an object");
    return value as JsonObject;
  }

  /** An object Go decodes into a struct: fields found as Go finds them, keys Go could match otherwise refused. */
  struct(value: unknown, where: string): GoStruct {
    return new GoStruct(this.object(value, where), (reason) => this.ambiguous(where, reason));
  }

  array(value: unknown, where: string): unknown[] {
    if (!Array.isArray(value)) this.fail(where, "is not an array");
    return value;
  }

  string(value: unknown, where: string): string {
    if (typeof value !== "string") this.fail(where, "is not a string");
    return value;
  }

  optionalString(value: unknown, where: string): string | undefined {
    return value === undefined ? undefined : this.string(value, where);
  }

  stringArray(value: unknown, where: string): string[] {
    return this.array(value, where).map((item, i) => this.string(item, `${where}[${i}]`));
  }

  /** An int64 Go reads the same: a plain integer lexeme JavaScript holds exactly (never 1.0, 1e3 or beyond 2^53). */
  size(value: unknown, where: string): number {
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
      this.fail(where, value instanceof JsonNumber ? notAnInteger(value) : "is not a byte size");
    }
    return value + 0; // -0 reads as 0, as in Go
  }

  /** A map[string]string: exact keys, as Go reads a map. Null or absent is empty. */
  stringMap(value: unknown, where: string): Record<string, string> {
    if (value === undefined || value === null) return {};
    const object = this.object(value, where);
    const map: Record<string, string> = {};
    for (const [key, item] of Object.entries(object)) {
      const text = this.string(item, `${where}[${JSON.stringify(key)}]`);
      Object.defineProperty(map, key, { value: text, writable: true, enumerable: true, configurable: true });
    }
    return map;
  }
}
