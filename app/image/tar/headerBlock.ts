// Parses one 512-byte tar header block as Go's archive/tar readHeader() does (reader.go,
// format.go): the checksum and magic decide the format (V7, USTAR/PAX, GNU, STAR); every
// numeric field that format has must parse, or the header is refused (ErrHeader).
import { TarFormatError } from "../errors.ts";
import { itemAt } from "../util/itemAt.ts";
import { lowBits32, parseNumeric, parseNumericBig, parseOctal } from "./numbers.ts";
import { cString, joinText, type TarText } from "./tarText.ts";

export const BLOCK_SIZE = 512;

type HeaderFormat = "v7" | "ustar" | "gnu" | "star";

export interface HeaderBlock {
  /** The name with the ustar / star prefix (or a pre-Go 1.8 GNU prefix) applied, as Go joins them. */
  name: TarText;
  linkName: TarText;
  /** The size field; may be negative (base-256), which only header-only types survive. */
  size: number;
  /** The low 32 bits of the mode field, as FileInfo().Mode() sees it. */
  mode: number;
  /** The typeflag byte as stored (0 for the old NUL flag). */
  typeflag: number;
  format: HeaderFormat;
}

export function isZeroBlock(block: Uint8Array): boolean {
  for (let i = 0; i < BLOCK_SIZE; i++) if (block[i] !== 0) return false;
  return true;
}

/** True when the block carries the "ustar" magic, i.e. it was meant to be a tar header. */
export function hasTarMagic(block: Uint8Array): boolean {
  return (
    block[257] === 0x75 && block[258] === 0x73 && block[259] === 0x74 && block[260] === 0x61 && block[261] === 0x72
  );
}

function bytesEqual(block: Uint8Array, at: number, expected: readonly number[]): boolean {
  return expected.every((byte, i) => block[at + i] === byte);
}

const USTAR_MAGIC = [0x75, 0x73, 0x74, 0x61, 0x72, 0x00]; // "ustar\0"
const GNU_MAGIC = [0x75, 0x73, 0x74, 0x61, 0x72, 0x20]; // "ustar "
const GNU_VERSION = [0x20, 0x00]; // " \0"
const STAR_TRAILER = [0x74, 0x61, 0x72, 0x00]; // "tar\0" at 508

/** Go's block.getFormat(): null where the checksum does not parse as octal or does not match. */
function headerFormat(block: Uint8Array): HeaderFormat | null {
  if (block.length < BLOCK_SIZE) return null;
  const stored = parseOctal(block.subarray(148, 156));
  if (stored === null) return null;
  // Sum with the checksum field counted as spaces, unsigned and as the old signed bytes.
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK_SIZE; i++) {
    // `as number`: i < 512 = block.length; a checked call per byte of every header would cost speed.
    const byte = i >= 148 && i < 156 ? 0x20 : (block[i] as number);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  if (stored !== unsigned && stored !== signed) return null;
  if (bytesEqual(block, 257, USTAR_MAGIC)) return bytesEqual(block, 508, STAR_TRAILER) ? "star" : "ustar";
  if (bytesEqual(block, 257, GNU_MAGIC) && bytesEqual(block, 263, GNU_VERSION)) return "gnu";
  return "v7";
}

export function hasValidChecksum(block: Uint8Array): boolean {
  return headerFormat(block) !== null;
}

/** A numeric field Go parses, by name, offset and length. */
const V7_NUMBERS: [string, number, number][] = [
  ["mode", 100, 8],
  ["uid", 108, 8],
  ["gid", 116, 8],
  ["size", 124, 12],
  ["mtime", 136, 12],
];
const DEVICE_NUMBERS: [string, number, number][] = [
  ["devmajor", 329, 8],
  ["devminor", 337, 8],
];
const STAR_TIMES: [string, number, number][] = [
  ["atime", 476, 12],
  ["ctime", 488, 12],
];

function requireNumbers(block: Uint8Array, fields: [string, number, number][], offset: number): void {
  for (const [what, at, length] of fields) {
    if (parseNumeric(block.subarray(at, at + length)) === null)
      throw new TarFormatError(`tar header field ${what} is not a number`, offset);
  }
}

/** GNU atime / ctime, parsed only when their first byte is not NUL; failing ones mean a pre-Go 1.8 writer. */
function gnuTimesParse(block: Uint8Array): boolean {
  for (const at of [345, 357]) {
    if (block[at] !== 0 && parseNumeric(block.subarray(at, at + 12)) === null) return false;
  }
  return true;
}

function isAsciiText(text: TarText): boolean {
  // Valid UTF-8 whose code units are all below 0x80: every byte was below 0x80.
  return text.exact && !/[\u0080-\uffff]/.test(text.text);
}

function modeBits(field: Uint8Array): number {
  if (((field[0] ?? 0) & 0x80) === 0) return parseOctal(field) ?? 0;
  const value = parseNumericBig(field);
  return value === null ? 0 : lowBits32(value);
}

export function parseHeaderBlock(block: Uint8Array, offset: number): HeaderBlock {
  if (block.length < BLOCK_SIZE) throw new TarFormatError("truncated tar header", offset);
  const format = headerFormat(block);
  if (format === null) throw new TarFormatError("tar header checksum does not match", offset);
  requireNumbers(block, V7_NUMBERS, offset);
  let name = cString(block.subarray(0, 100));
  let prefix: TarText | null = null;
  if (format !== "v7") {
    requireNumbers(block, DEVICE_NUMBERS, offset);
    if (format === "ustar") prefix = cString(block.subarray(345, 500));
    else if (format === "star") {
      requireNumbers(block, STAR_TIMES, offset);
      prefix = cString(block.subarray(345, 476));
    } else if (!gnuTimesParse(block)) {
      // GNU has atime/ctime where ustar has its prefix. Go writers before 1.8 put a prefix
      // there; Go still reads one when the times do not parse and the field is ASCII.
      const fallback = cString(block.subarray(345, 500));
      if (isAsciiText(fallback)) prefix = fallback;
    }
  }
  if (prefix !== null && prefix.text !== "") name = joinText(prefix, name);
  return {
    name,
    linkName: cString(block.subarray(157, 257)),
    size: parseNumeric(block.subarray(124, 136)) as number,
    mode: modeBits(block.subarray(100, 108)),
    typeflag: itemAt(block, 156),
    format,
  };
}
