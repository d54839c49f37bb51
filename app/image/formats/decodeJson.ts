// Bytes → JSON value, read as Go's encoding/json reads it (goJson.ts) or refused: invalid
// JSON is a MetadataError, JSON that Go would read otherwise is an AmbiguousJsonError.
import { AmbiguousJsonError, MetadataError } from "../errors.ts";
import { decodeGoJson, GoJsonError, type JsonValue } from "./goJson.ts";

// ignoreBOM keeps a byte order mark in the text, so the decoder can refuse it as Go does.
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
const utf8Replacing = new TextDecoder("utf-8", { ignoreBOM: true });

function refusal(error: unknown, path: string): unknown {
  if (!(error instanceof GoJsonError)) return error;
  return error.ambiguous
    ? new AmbiguousJsonError(path, error.message, "json", { cause: error })
    : new MetadataError(path, error.message, { cause: error });
}

/**
 * Go reads bytes that are not UTF-8 as U+FFFD inside strings and refuses them anywhere else:
 * ambiguous when the text is JSON once they are replaced, otherwise simply not UTF-8.
 */
function notUtf8(bytes: Uint8Array, path: string, cause: unknown): MetadataError {
  try {
    decodeGoJson(utf8Replacing.decode(bytes));
  } catch (error) {
    if (!(error instanceof GoJsonError) || !error.ambiguous)
      return new MetadataError(path, "is not UTF-8 text", { cause });
  }
  return new AmbiguousJsonError(
    path,
    "has bytes that are not UTF-8 inside a string: Go's encoding/json reads each as U+FFFD",
    "json",
    { cause },
  );
}

export function decodeJson(bytes: Uint8Array, path: string): JsonValue {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (cause) {
    throw notUtf8(bytes, path, cause);
  }
  try {
    return decodeGoJson(text);
  } catch (error) {
    throw refusal(error, path);
  }
}
