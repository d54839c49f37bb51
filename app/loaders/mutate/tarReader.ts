// A plain reader for well-formed tars, enough to take the real fixtures apart into entries
// the mutator re-serializes (ustar, pax path/linkpath/size, GNU long names). It is not an
// oracle for anything: the loaders are.

export interface PlainEntry {
  path: string;
  /** Typeflag as one character ("0" file, "2" symlink, "5" directory…); "\0" is read as "0". */
  type: string;
  data: Uint8Array;
  linkname: string;
  mode: number;
}

const decoder = new TextDecoder();

function field(block: Uint8Array, offset: number, length: number): string {
  const slice = block.subarray(offset, offset + length);
  const nul = slice.indexOf(0);
  return decoder.decode(nul === -1 ? slice : slice.subarray(0, nul));
}

function octal(block: Uint8Array, offset: number, length: number): number {
  const text = field(block, offset, length).trim();
  return text === "" ? 0 : Number.parseInt(text, 8);
}

function paxRecords(data: Uint8Array): Map<string, string> {
  const records = new Map<string, string>();
  const text = decoder.decode(data);
  let rest = text;
  while (rest.length > 0) {
    const space = rest.indexOf(" ");
    const length = Number.parseInt(rest.slice(0, space), 10);
    if (!(length > 0)) break;
    const record = rest.slice(space + 1, length - 1);
    const eq = record.indexOf("=");
    records.set(record.slice(0, eq), record.slice(eq + 1));
    rest = rest.slice(length);
  }
  return records;
}

export function listTar(bytes: Uint8Array): PlainEntry[] {
  const entries: PlainEntry[] = [];
  let offset = 0;
  let pax = new Map<string, string>();
  let longName: string | null = null;
  let longLink: string | null = null;
  while (offset + 512 <= bytes.length) {
    const block = bytes.subarray(offset, offset + 512);
    if (block.every((byte) => byte === 0)) break;
    const type = String.fromCharCode(block[156] ?? 0);
    const size = pax.has("size") ? Number(pax.get("size")) : octal(block, 124, 12);
    const data = bytes.subarray(offset + 512, offset + 512 + size);
    offset += 512 + Math.ceil(size / 512) * 512;
    if (type === "x") {
      pax = paxRecords(data);
      continue;
    }
    if (type === "g") continue;
    if (type === "L" || type === "K") {
      const value = field(data, 0, data.length);
      if (type === "L") longName = value;
      else longLink = value;
      continue;
    }
    const prefix = field(block, 257, 6) === "ustar" ? field(block, 345, 155) : "";
    const name = field(block, 0, 100);
    entries.push({
      path: pax.get("path") ?? longName ?? (prefix ? `${prefix}/${name}` : name),
      type: type === "\0" ? "0" : type,
      data: data.slice(),
      linkname: pax.get("linkpath") ?? longLink ?? field(block, 157, 100),
      mode: octal(block, 100, 8),
    });
    pax = new Map();
    longName = null;
    longLink = null;
  }
  return entries;
}
