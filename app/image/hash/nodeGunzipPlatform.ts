// GunzipPlatform over node:zlib. Node-only: the browser bundle never imports it.
import { crc32 as zlibCrc32 } from "node:zlib";
import type { GunzipPlatform } from "./gunzipPlatform.ts";
import { NodeInflater } from "./nodeInflateRaw.ts";

export const nodeGunzip: GunzipPlatform = {
  createInflater: (sink) => new NodeInflater(sink),
  crc32: (crc, bytes) => zlibCrc32(bytes, crc),
  // Node's DecompressionStream reads on into later members by zlib's rules, not Go's.
  decompressionStreamFirst: false,
};
