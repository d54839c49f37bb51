// Small validators for JSON documents that must be what they claim. Each failure is a
// MetadataError naming the document and the field, e.g. `manifest.json: [0].Layers is not
// an array of strings`.
import { MetadataError } from "../errors.ts";

export type JsonObject = Record<string, unknown>;

export class Shape {
  readonly #path: string;

  constructor(documentPath: string) {
    this.#path = documentPath;
  }

  fail(where: string, what: string): never {
    throw new MetadataError(this.#path, `${where} ${what}`);
  }

  object(value: unknown, where: string): JsonObject {
    if (typeof value !== "object" || value === null || Array.isArray(value)) this.fail(where, "is not an object");
    return value as JsonObject;
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

  size(value: unknown, where: string): number {
    if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) this.fail(where, "is not a byte size");
    return value;
  }

  stringMap(value: unknown, where: string): Record<string, string> {
    if (value === undefined || value === null) return {};
    const object = this.object(value, where);
    const map: Record<string, string> = {};
    for (const [key, item] of Object.entries(object)) map[key] = this.string(item, `${where}["${key}"]`);
    return map;
  }
}
