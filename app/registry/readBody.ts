// A response body read whole, within a cap: a hostile or broken registry cannot make us hold
// more than we asked for, whatever its Content-Length says.

import { itemAt } from "../image/util/itemAt.ts";
import { RegistryError } from "./errors.ts";

function tooLarge(what: string, url: string, max: number): RegistryError {
  return new RegistryError(
    "too-large",
    `${what} is larger than the ${max} bytes read for it: the registry serves something that is not what was asked for. Check the reference.`,
    { url },
  );
}

/** A body that stopped arriving: the connection broke, or the caller aborted. */
export function brokenBody(what: string, url: string, cause: unknown): RegistryError {
  if ((cause as { name?: string })?.name === "AbortError")
    return new RegistryError("aborted", "Stopped: the request was cancelled.", { url, cause });
  return new RegistryError("unreachable", `The connection broke while reading ${what}. Try again.`, { url, cause });
}

export async function readBody(response: Response, max: number, what: string, url: string): Promise<Uint8Array> {
  const declared = Number(response.headers.get("content-length") ?? "NaN");
  if (declared > max) {
    await response.body?.cancel();
    throw tooLarge(what, url, max);
  }
  if (response.body === null) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read().catch((cause: unknown) => {
      throw brokenBody(what, url, cause);
    });
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      throw tooLarge(what, url, max);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return itemAt(chunks, 0);
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}
