// Numbers as Go's archive/tar (strconv.go) and strconv.ParseInt read them. Each returns
// null exactly where Go sets ErrHeader, so a header is refused by the same rule.
// The `as number` reads index a header field inside its loop bounds, for every numeric field of
// every header: kept as casts, as a checked call (util/itemAt.ts) per byte would cost speed.

const MIN_INT64 = -(2n ** 63n);
const MAX_INT64 = 2n ** 63n - 1n;

function isTrimmed(byte: number): boolean {
  return byte === 0x20 || byte === 0;
}

/**
 * Go's parser.parseOctal: trim spaces and NULs at both ends, cut at the first NUL left,
 * and the rest must be octal digits ("12\x0034" reads 0o12, "12 34" is an error). An
 * all-padding field is 0. Fields are at most 12 bytes, so the value stays exact.
 */
export function parseOctal(field: Uint8Array): number | null {
  let start = 0;
  let end = field.length;
  while (start < end && isTrimmed(field[start] as number)) start++;
  while (end > start && isTrimmed(field[end - 1] as number)) end--;
  let value = 0;
  for (let i = start; i < end; i++) {
    const byte = field[i] as number;
    if (byte === 0) break;
    if (byte < 0x30 || byte > 0x37) return null;
    value = value * 8 + (byte - 0x30);
  }
  return value;
}

/**
 * Go's parser.parseNumeric, exactly: base-256 when the high bit is set (two's complement,
 * negative when 0x40 is set too, an error beyond 63 bits), otherwise octal.
 */
export function parseNumericBig(field: Uint8Array): bigint | null {
  const first = field[0] ?? 0;
  if ((first & 0x80) === 0) {
    const octal = parseOctal(field);
    return octal === null ? null : BigInt(octal);
  }
  const invert = first & 0x40 ? 0xff : 0;
  let value = 0n;
  for (let i = 0; i < field.length; i++) {
    let byte = (field[i] as number) ^ invert;
    if (i === 0) byte &= 0x7f;
    if (value >> 56n > 0n) return null;
    value = (value << 8n) | BigInt(byte);
  }
  if (value >> 63n > 0n) return null;
  return invert ? -value - 1n : value;
}

/**
 * parseNumeric as a number: exact within ±2^53; beyond, it keeps the sign and magnitude,
 * which is all a size that large can mean (no archive holds 8 PiB).
 */
export function parseNumeric(field: Uint8Array): number | null {
  if (((field[0] ?? 0) & 0x80) === 0) return parseOctal(field);
  const value = parseNumericBig(field);
  return value === null ? null : Number(value);
}

/** strconv.ParseInt(text, 10, 64): an optional sign, decimal digits, within int64. */
export function parseDecimal(text: string): bigint | null {
  if (!/^[+-]?[0-9]+$/.test(text)) return null;
  // More than 19 significant digits is out of range whatever they are (and BigInt of a
  // megabyte of digits would be slow).
  if (text.replace(/^[+-]?0*/, "").length > 19) return null;
  const value = BigInt(text);
  return value < MIN_INT64 || value > MAX_INT64 ? null : value;
}

/** The low 32 bits of a mode, as Go's FileInfo().Mode() converts it (fs.FileMode is a uint32). */
export function lowBits32(value: bigint): number {
  return Number(BigInt.asUintN(32, value));
}
