// CRC-32 (IEEE, as gzip's trailer and header check use it), slicing by 8 bytes at a time.
// Portable: the gzip member reader needs it in browsers too, where it checks each member's
// trailer itself. Node passes zlib.crc32 instead (nodeGunzipPlatform.ts), which is faster.
// The `as number` reads index typed arrays inside their loop bounds, once per byte: a checked
// call (util/itemAt.ts) there would cost the speed this file exists for.

/** Continues a CRC-32 over more bytes: crc32(crc32(0, a), b) === crc32(0, a ++ b). */
export type Crc32 = (crc: number, bytes: Uint8Array) => number;

function makeTables(): Int32Array {
  const tables = new Int32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    tables[n] = c;
  }
  for (let n = 0; n < 256; n++) {
    for (let t = 1; t < 8; t++) {
      const previous = tables[(t - 1) * 256 + n] as number;
      tables[t * 256 + n] = (previous >>> 8) ^ (tables[previous & 0xff] as number);
    }
  }
  return tables;
}

let tables: Int32Array | null = null;

export const crc32: Crc32 = (crc, bytes) => {
  tables ??= makeTables();
  const t = tables;
  let c = ~crc;
  let i = 0;
  const end8 = bytes.length - 8;
  // Indexing a typed array with an in-range index never yields undefined; `| 0` keeps V8 on ints.
  for (; i <= end8; i += 8) {
    const low =
      c ^
      ((bytes[i] as number) |
        ((bytes[i + 1] as number) << 8) |
        ((bytes[i + 2] as number) << 16) |
        ((bytes[i + 3] as number) << 24));
    c =
      (t[1792 + (low & 0xff)] as number) ^
      (t[1536 + ((low >>> 8) & 0xff)] as number) ^
      (t[1280 + ((low >>> 16) & 0xff)] as number) ^
      (t[1024 + (low >>> 24)] as number) ^
      (t[768 + (bytes[i + 4] as number)] as number) ^
      (t[512 + (bytes[i + 5] as number)] as number) ^
      (t[256 + (bytes[i + 6] as number)] as number) ^
      (t[bytes[i + 7] as number] as number);
  }
  for (; i < bytes.length; i++) c = (t[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return ~c >>> 0;
};
