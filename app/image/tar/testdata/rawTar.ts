// Test-only: writes tar members field by field, so the mutation corpus (makeMutations.ts)
// can put any bytes in any field — including forms no tar writer produces — and still
// give the header a valid checksum when it wants one.

export const BLOCK = 512;

const encoder = new TextEncoder();

export type Bytes = Uint8Array;

export function bytes(text: string | Bytes): Bytes {
  return typeof text === "string" ? encoder.encode(text) : text;
}

/** Bytes of a string whose code units are bytes (e.g. "\xff"), not UTF-8. */
export function latin1(text: string): Bytes {
  return Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
}

export function concat(parts: readonly Bytes[]): Bytes {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** Pads to a whole number of blocks with NULs. */
export function padded(data: Bytes): Bytes {
  const size = Math.ceil(data.length / BLOCK) * BLOCK;
  if (size === data.length) return data;
  const out = new Uint8Array(size);
  out.set(data);
  return out;
}

/** The usual octal form: zero-padded digits and a NUL, in a field of `length` bytes. */
export function octal(value: number, length: number): Bytes {
  return bytes(`${value.toString(8).padStart(length - 1, "0")}\0`);
}

/** Field offsets and lengths of the ustar / GNU header layout. */
export const FIELDS = {
  name: [0, 100],
  mode: [100, 8],
  uid: [108, 8],
  gid: [116, 8],
  size: [124, 12],
  mtime: [136, 12],
  chksum: [148, 8],
  typeflag: [156, 1],
  linkname: [157, 100],
  magic: [257, 8],
  uname: [265, 32],
  gname: [297, 32],
  devmajor: [329, 8],
  devminor: [337, 8],
  prefix: [345, 155],
  gnuAtime: [345, 12],
  gnuCtime: [357, 12],
  gnuRealSize: [483, 12],
  starTrailer: [508, 4],
} as const satisfies Record<string, readonly [number, number]>;

export type Field = keyof typeof FIELDS;

/** Writes a field: the bytes, cut to the field, the rest of the field NUL. */
export function setField(block: Bytes, field: Field, value: Bytes): void {
  const [at, length] = FIELDS[field];
  block.fill(0, at, at + length);
  block.set(value.subarray(0, length), at);
}

export const MAGIC = {
  ustar: latin1("ustar\x0000"),
  gnu: latin1("ustar  \x00"),
  v7: new Uint8Array(8),
  star: latin1("ustar\x0000"),
} as const;

type HeaderFormat = keyof typeof MAGIC;

/** Computes the checksum as tar writers do (unsigned sum, field counted as spaces). */
export function seal(block: Bytes): Bytes {
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  block.set(bytes(`${sum.toString(8).padStart(6, "0")}\0 `), 148);
  return block;
}

interface HeaderSpec {
  name: Bytes | string;
  typeflag: number | string;
  size: number;
  linkname?: Bytes | string;
  mode?: number;
  format?: HeaderFormat;
}

export function header(spec: HeaderSpec): Bytes {
  const block = new Uint8Array(BLOCK);
  const format = spec.format ?? "ustar";
  setField(block, "name", bytes(spec.name));
  setField(block, "mode", octal(spec.mode ?? 0o644, 8));
  setField(block, "uid", octal(1000, 8));
  setField(block, "gid", octal(1000, 8));
  setField(block, "size", octal(spec.size, 12));
  setField(block, "mtime", octal(1_700_000_000, 12));
  block[156] = typeof spec.typeflag === "number" ? spec.typeflag : spec.typeflag.charCodeAt(0);
  setField(block, "linkname", bytes(spec.linkname ?? ""));
  setField(block, "magic", MAGIC[format]);
  if (format !== "v7") {
    setField(block, "uname", bytes("user"));
    setField(block, "gname", bytes("group"));
  }
  if (format === "ustar" || format === "star") {
    setField(block, "devmajor", octal(0, 8));
    setField(block, "devminor", octal(0, 8));
  }
  if (format === "star") setField(block, "starTrailer", latin1("tar\x00"));
  return seal(block);
}

/** One pax record with its correct length prefix. */
export function paxRecord(key: Bytes | string, value: Bytes | string): Bytes {
  const body = concat([bytes(" "), bytes(key), bytes("="), bytes(value), bytes("\n")]);
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length++;
  return concat([bytes(String(length)), body]);
}
