// Bytes → JSON value, refusing what is not UTF-8 JSON.
import { MetadataError } from "../errors.ts";

const utf8 = new TextDecoder("utf-8", { fatal: true });

export function decodeJson(bytes: Uint8Array, path: string): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (cause) {
    throw new MetadataError(path, "is not UTF-8 text", { cause });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (cause) {
    throw new MetadataError(path, `is not valid JSON (${(cause as Error).message})`, { cause });
  }
}
