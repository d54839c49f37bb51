// What gunzipping needs from the platform, chosen once per worker: a DEFLATE decoder that
// says where its stream ends, a CRC-32, and whether DecompressionStream may go first.
import { type Crc32, crc32 } from "./crc32.ts";
import type { DeflateInflaterFactory } from "./deflateInflater.ts";
import { JsInflater } from "./inflateRaw.ts";

export interface GunzipPlatform {
  createInflater: DeflateInflaterFactory;
  crc32: Crc32;
  /**
   * Try DecompressionStream first (browsers: native speed) on streams that are one plain
   * member; when it declines (more members, trailing bytes, corrupt data), the stream is read
   * again with createInflater. Node's zlib says where a member ends, so Node needs no second read.
   */
  decompressionStreamFirst: boolean;
}

/** Browsers (and anywhere without node:zlib): DecompressionStream, then the JavaScript decoder. */
export const portableGunzip: GunzipPlatform = {
  createInflater: (sink) => new JsInflater(sink),
  crc32,
  decompressionStreamFirst: true,
};
