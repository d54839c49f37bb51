// A gzip member header (RFC 1952 §2.3) read the way Go's compress/gzip reads it, since
// docker, podman and containerd decompress layers with it (or with ports of it): FEXTRA,
// FNAME and FCOMMENT skipped, a name or comment longer than 511 bytes refused, the FHCRC
// checked, the reserved flag bits ignored (zlib refuses them; Go does not).

import { itemAt } from "../util/itemAt.ts";
import type { Crc32 } from "./crc32.ts";

type GzipHeaderRead =
  /** The header is `length` bytes long. */
  | { kind: "complete"; length: number }
  /** The bytes end inside the header: more are needed (at the end of input: Go's "unexpected EOF"). */
  | { kind: "incomplete" }
  /** Go's "gzip: invalid header". */
  | { kind: "invalid" };

const FHCRC = 0x02;
const FEXTRA = 0x04;
const FNAME = 0x08;
const FCOMMENT = 0x10;
/** Go reads a name or comment into a 512-byte buffer, its NUL included. */
const MAX_STRING = 512;
/** The longest header Go accepts: 10 fixed bytes, FEXTRA (2 + 65535), name, comment, FHCRC. */
export const MAX_GZIP_HEADER = 10 + 2 + 0xffff + 2 * MAX_STRING + 2;

const INCOMPLETE: GzipHeaderRead = { kind: "incomplete" };
const INVALID: GzipHeaderRead = { kind: "invalid" };

/** Where a NUL-terminated string starting at `at` ends (past its NUL), or what went wrong. */
function endOfString(bytes: Uint8Array, at: number): number | GzipHeaderRead {
  const limit = Math.min(bytes.length, at + MAX_STRING);
  for (let i = at; i < limit; i++) if (bytes[i] === 0) return i + 1;
  return bytes.length >= at + MAX_STRING ? INVALID : INCOMPLETE;
}

/** Reads the header at the start of `bytes`, the bytes of a member from its first byte. */
export function readGzipHeader(bytes: Uint8Array, crc32: Crc32): GzipHeaderRead {
  // Go reads the 10 fixed bytes before looking at them: fewer is "unexpected EOF" whatever they are.
  if (bytes.length < 10) return INCOMPLETE;
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b || bytes[2] !== 8) return INVALID;
  const flags = itemAt(bytes, 3);
  let at = 10;
  if (flags & FEXTRA) {
    if (bytes.length < at + 2) return INCOMPLETE;
    at += 2 + (itemAt(bytes, at) | (itemAt(bytes, at + 1) << 8));
    if (bytes.length < at) return INCOMPLETE;
  }
  for (const flag of [FNAME, FCOMMENT]) {
    if (!(flags & flag)) continue;
    const end = endOfString(bytes, at);
    if (typeof end !== "number") return end;
    at = end;
  }
  if (flags & FHCRC) {
    if (bytes.length < at + 2) return INCOMPLETE;
    const stated = itemAt(bytes, at) | (itemAt(bytes, at + 1) << 8);
    if (stated !== (crc32(0, bytes.subarray(0, at)) & 0xffff)) return INVALID;
    at += 2;
  }
  return { kind: "complete", length: at };
}
