// Test-only: writes tar archives in memory (ustar headers, optional pax or GNU long-name
// records), so tests can build exactly the archive a case needs, broken ones included.

export interface TarInput {
  path: string;
  /** "0" file (default), "1" hard link, "2" symlink, "5" directory, or any other flag. */
  type?: string;
  data?: Uint8Array | string;
  linkTarget?: string;
  /** Write the name through a pax 'x' record (or a GNU 'L' record) instead of the header field. */
  longName?: "pax" | "gnu";
  /** Overrides the size written in the header (the data written stays `data`). */
  headerSize?: number;
  /** Extra pax records, e.g. { size: "123" }. */
  pax?: Record<string, string>;
}

const encoder = new TextEncoder();

function bytesOf(data: Uint8Array | string | undefined): Uint8Array {
  if (data === undefined) return new Uint8Array(0);
  return typeof data === "string" ? encoder.encode(data) : data;
}

function writeString(block: Uint8Array, offset: number, length: number, value: string): void {
  const bytes = encoder.encode(value);
  block.set(bytes.subarray(0, length), offset);
}

function writeOctal(block: Uint8Array, offset: number, length: number, value: number): void {
  writeString(block, offset, length, `${value.toString(8).padStart(length - 1, "0")}\0`);
}

export function headerBlock(path: string, type: string, size: number, linkTarget = ""): Uint8Array {
  const block = new Uint8Array(512);
  writeString(block, 0, 100, path);
  writeOctal(block, 100, 8, 0o644);
  writeOctal(block, 108, 8, 0);
  writeOctal(block, 116, 8, 0);
  writeOctal(block, 124, 12, size);
  writeOctal(block, 136, 12, 0);
  block[156] = type.charCodeAt(0);
  writeString(block, 157, 100, linkTarget);
  writeString(block, 257, 6, "ustar\0");
  writeString(block, 263, 2, "00");
  return sealChecksum(block);
}

/** Recomputes the checksum field, e.g. after a test edited a header on purpose. */
export function sealChecksum(block: Uint8Array): Uint8Array {
  block.fill(0x20, 148, 156);
  let sum = 0;
  for (const byte of block) sum += byte;
  writeString(block, 148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
  return block;
}

function padded(data: Uint8Array): Uint8Array[] {
  const padding = (512 - (data.length % 512)) % 512;
  return padding === 0 ? [data] : [data, new Uint8Array(padding)];
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  let length = body.length + 1;
  while (String(length).length + body.length !== length) length++;
  return `${length}${body}`;
}

export function tarChunks(entries: readonly TarInput[], options: { end?: boolean } = {}): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (const entry of entries) {
    const type = entry.type ?? "0";
    const data = bytesOf(entry.data);
    let name = entry.path;
    const pax = { ...entry.pax };
    if (entry.longName === "pax") {
      pax.path = entry.path;
      name = entry.path.slice(0, 99);
    } else if (entry.longName === "gnu") {
      const longName = encoder.encode(`${entry.path}\0`);
      chunks.push(headerBlock("././@LongLink", "L", longName.length), ...padded(longName));
      name = entry.path.slice(0, 99);
    }
    if (Object.keys(pax).length > 0) {
      const records = encoder.encode(
        Object.entries(pax)
          .map(([k, v]) => paxRecord(k, v))
          .join(""),
      );
      chunks.push(headerBlock(`PaxHeaders/${name}`.slice(0, 99), "x", records.length), ...padded(records));
    }
    chunks.push(headerBlock(name, type, entry.headerSize ?? data.length, entry.linkTarget ?? ""));
    if (data.length > 0) chunks.push(...padded(data));
  }
  if (options.end !== false) chunks.push(new Uint8Array(1024));
  return chunks;
}

export function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const total = chunks.reduce((sum, chunk) => sum + chunk.length, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

export function buildTar(entries: readonly TarInput[], options: { end?: boolean } = {}): Uint8Array {
  return concatBytes(tarChunks(entries, options));
}
