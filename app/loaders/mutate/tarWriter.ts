// Writes tar archives record by record with every header field under the caller's control,
// so a mutation can produce exactly the odd header it is about: a typeflag of NUL, a size
// field that disagrees with a pax size, a GNU long name with trailing bytes, a ustar prefix
// in a GNU-magic header, a global pax header, raw bytes after the end-of-archive marker.

interface RecordSpec {
  /** The header's name field (cut to 100 bytes; use pax or GNU records for longer names). */
  name: string;
  /** Typeflag character; "\0" writes the old-style regular-file flag. */
  type: string;
  data?: Uint8Array;
  linkname?: string;
  /** Mode field, S_IF* type bits included when a mutation wants them. */
  mode?: number;
  /** The size field when it should differ from the data written. */
  headerSize?: number;
  /** Base-256 size field (GNU binary numbers) instead of octal. */
  binarySize?: boolean;
  /** ustar prefix field (bytes 345..500). */
  prefix?: string;
  /** "ustar" = POSIX ustar/pax (default), "gnu" = "ustar  \0", "v7" = no magic. */
  magic?: "ustar" | "gnu" | "v7";
  /** A pax extended header ('x') written before this record, records in this order. */
  pax?: [string, string][];
  /** A global pax header ('g') written before this record. */
  globalPax?: [string, string][];
  /** A GNU long-name record ('L') written before this record, its body as given. */
  gnuLongName?: Uint8Array;
  /** A GNU long-link record ('K') written before this record, its body as given. */
  gnuLongLink?: Uint8Array;
  /** Old GNU sparse fields (type 'S'): the regions stored and the file's real size. */
  gnuSparse?: { regions: [number, number][]; realSize: number };
  /** The pax header body exactly as given (malformed records), instead of `pax`. */
  paxRaw?: Uint8Array;
}

export type TarPiece = { record: RecordSpec } | { raw: Uint8Array };

const encoder = new TextEncoder();
export const utf8 = (text: string) => encoder.encode(text);

function put(block: Uint8Array, offset: number, length: number, bytes: Uint8Array): void {
  block.set(bytes.subarray(0, length), offset);
}

function octal(value: number, length: number): Uint8Array {
  return utf8(`${value.toString(8).padStart(length - 1, "0")}\0`);
}

function base256(value: number, length: number): Uint8Array {
  const field = new Uint8Array(length);
  let rest = value;
  for (let i = length - 1; i > 0; i--) {
    field[i] = rest % 256;
    rest = Math.floor(rest / 256);
  }
  field[0] = 0x80;
  return field;
}

function header(spec: RecordSpec, size: number): Uint8Array {
  const block = new Uint8Array(512);
  put(block, 0, 100, utf8(spec.name));
  put(block, 100, 8, octal(spec.mode ?? 0o644, 8));
  put(block, 108, 8, octal(0, 8));
  put(block, 116, 8, octal(0, 8));
  put(block, 124, 12, spec.binarySize ? base256(size, 12) : octal(size, 12));
  put(block, 136, 12, octal(1_700_000_000, 12));
  block[156] = spec.type.charCodeAt(0);
  put(block, 157, 100, utf8(spec.linkname ?? ""));
  const magic = spec.magic ?? "ustar";
  if (magic === "ustar") {
    put(block, 257, 8, utf8("ustar\u000000"));
  } else if (magic === "gnu") {
    put(block, 257, 8, utf8("ustar  \0"));
  }
  if (spec.prefix !== undefined) put(block, 345, 155, utf8(spec.prefix));
  if (spec.gnuSparse) {
    for (const [i, [offset, length]] of spec.gnuSparse.regions.slice(0, 4).entries()) {
      put(block, 386 + i * 24, 12, octal(offset, 12));
      put(block, 398 + i * 24, 12, octal(length, 12));
    }
    put(block, 483, 12, octal(spec.gnuSparse.realSize, 12));
  }
  block.fill(0x20, 148, 156);
  const sum = block.reduce((total, byte) => total + byte, 0);
  put(block, 148, 8, utf8(`${sum.toString(8).padStart(6, "0")}\0 `));
  return block;
}

export function padded(data: Uint8Array): Uint8Array {
  const length = Math.ceil(data.length / 512) * 512;
  if (length === data.length) return data;
  const out = new Uint8Array(length);
  out.set(data);
  return out;
}

/** One pax record, its length prefix counting itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = utf8(body).length + 1;
  while (String(length).length + utf8(body).length !== length) length++;
  return `${length}${body}`;
}

function extension(name: string, type: string, body: Uint8Array): Uint8Array[] {
  return [header({ name, type, magic: type === "L" || type === "K" ? "gnu" : "ustar" }, body.length), padded(body)];
}

function recordBlocks(spec: RecordSpec): Uint8Array[] {
  const blocks: Uint8Array[] = [];
  const paxBody = (records: [string, string][]) => utf8(records.map(([k, v]) => paxRecord(k, v)).join(""));
  if (spec.globalPax) blocks.push(...extension("pax_global_header", "g", paxBody(spec.globalPax)));
  if (spec.gnuLongLink) blocks.push(...extension("././@LongLink", "K", spec.gnuLongLink));
  if (spec.gnuLongName) blocks.push(...extension("././@LongLink", "L", spec.gnuLongName));
  if (spec.pax || spec.paxRaw)
    blocks.push(...extension(`PaxHeaders.0/${spec.name}`.slice(0, 99), "x", spec.paxRaw ?? paxBody(spec.pax ?? [])));
  const data = spec.data ?? new Uint8Array(0);
  blocks.push(header(spec, spec.headerSize ?? data.length));
  if (data.length > 0) blocks.push(padded(data));
  return blocks;
}

export const END_OF_ARCHIVE = new Uint8Array(1024);

export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.length, 0));
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export function writeTar(pieces: readonly TarPiece[], options: { end?: boolean } = {}): Uint8Array {
  const chunks = pieces.flatMap((piece) => ("raw" in piece ? [piece.raw] : recordBlocks(piece.record)));
  if (options.end !== false) chunks.push(END_OF_ARCHIVE);
  return concat(chunks);
}

/** A plain regular file record. */
export function fileRecord(name: string, data: Uint8Array, extra: Partial<RecordSpec> = {}): TarPiece {
  return { record: { name, type: "0", data, ...extra } };
}
