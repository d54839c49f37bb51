// pax extended header records, parsed as Go's parsePAX / parsePAXRecord (reader.go,
// strconv.go): "<length> <key>=<value>\n" with the length counting the whole record,
// nothing else between or after records (trailing NULs are an error, not padding).
import { TarFormatError } from "../errors.ts";
import { parseDecimal } from "./numbers.ts";
import { binaryString } from "./tarText.ts";

/** Records by key (the key's bytes as a binary string); a repeated key keeps its last value. */
export type PaxRecords = Map<string, Uint8Array>;

const SPACE = 0x20;
const NEWLINE = 0x0a;
const EQUALS = 0x3d;
const COMMA = 0x2c;

/** Keys whose values stand for ustar string fields: Go refuses a NUL in them. */
const STRING_FIELD_KEYS = new Set(["path", "linkpath", "uname", "gname"]);

const SPARSE_OFFSET_KEY = "GNU.sparse.offset";
const SPARSE_NUMBYTES_KEY = "GNU.sparse.numbytes";
export const SPARSE_MAP_KEY = "GNU.sparse.map";

function malformed(offset: number): TarFormatError {
  return new TarFormatError("malformed pax record", offset);
}

export function parsePaxRecords(data: Uint8Array, offset: number): PaxRecords {
  const records: PaxRecords = new Map();
  // GNU sparse 0.0 writes repeated offset / numbytes records; Go joins them into one map.
  const sparseMap: string[] = [];
  let pos = 0;
  while (pos < data.length) {
    const space = data.indexOf(SPACE, pos);
    if (space === -1) throw malformed(offset + pos);
    const length = parseDecimal(binaryString(data.subarray(pos, space)));
    if (length === null || length < 5n || length > BigInt(data.length - pos)) throw malformed(offset + pos);
    const end = pos + Number(length);
    // The record must reach past its own length field, and end in a newline.
    if (end <= space + 1 || data[end - 1] !== NEWLINE) throw malformed(offset + pos);
    const record = data.subarray(space + 1, end - 1);
    const equals = record.indexOf(EQUALS);
    if (equals <= 0) throw malformed(offset + pos);
    const keyBytes = record.subarray(0, equals);
    const value = record.subarray(equals + 1);
    const key = binaryString(keyBytes);
    if (STRING_FIELD_KEYS.has(key) ? value.includes(0) : keyBytes.includes(0)) throw malformed(offset + pos);
    if (key === SPARSE_OFFSET_KEY || key === SPARSE_NUMBYTES_KEY) {
      const expected = sparseMap.length % 2 === 0 ? SPARSE_OFFSET_KEY : SPARSE_NUMBYTES_KEY;
      if (key !== expected || value.includes(COMMA)) throw malformed(offset + pos);
      sparseMap.push(binaryString(value));
    } else {
      records.set(key, value.slice());
    }
    pos = end;
  }
  if (sparseMap.length > 0)
    records.set(
      SPARSE_MAP_KEY,
      Uint8Array.from(sparseMap.join(","), (c) => c.charCodeAt(0)),
    );
  return records;
}

/** A record's value as a binary string; "" when absent (Go's map lookup). */
export function paxString(records: PaxRecords | null, key: string): string {
  const value = records?.get(key);
  return value === undefined ? "" : binaryString(value);
}

/** Go's parsePAXTime: seconds as ParseInt, then optionally "." and decimal digits. */
function isPaxTime(text: string): boolean {
  const dot = text.indexOf(".");
  const seconds = dot === -1 ? text : text.slice(0, dot);
  if (parseDecimal(seconds) === null) return false;
  return dot === -1 || /^[0-9]*$/.test(text.slice(dot + 1));
}

/** What pax records change in the header that follows them. */
interface PaxFields {
  path: Uint8Array | null;
  linkpath: Uint8Array | null;
  size: number | null;
}

const isDecimal = (text: string) => parseDecimal(text) !== null;
// A Map, not an object literal: keys come from the archive ("constructor", "__proto__").
const NUMERIC_KEYS: ReadonlyMap<string, (text: string) => boolean> = new Map([
  ["uid", isDecimal],
  ["gid", isDecimal],
  ["size", isDecimal],
  ["atime", isPaxTime],
  ["mtime", isPaxTime],
  ["ctime", isPaxTime],
]);

/**
 * Go's mergePAX: an empty value keeps the header's own field; a uid, gid, size or time
 * that does not parse is an error. Returns null where Go returns ErrHeader.
 */
export function paxFields(records: PaxRecords): PaxFields | null {
  const fields: PaxFields = { path: null, linkpath: null, size: null };
  for (const [key, value] of records) {
    if (value.length === 0) continue;
    const valid = NUMERIC_KEYS.get(key);
    if (valid !== undefined && !valid(binaryString(value))) return null;
    if (key === "path") fields.path = value;
    else if (key === "linkpath") fields.linkpath = value;
    else if (key === "size") fields.size = Number(parseDecimal(binaryString(value)));
  }
  return fields;
}
