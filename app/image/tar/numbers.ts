// Numeric header fields: NUL/space-terminated octal, or GNU base-256 (high bit set) for
// values that do not fit, e.g. layers of 8 GiB and more.
import { TarFormatError } from "../errors.ts";

export function parseNumberField(field: Uint8Array, what: string, offset: number): number {
  const first = field[0] ?? 0;
  if (first & 0x80) return parseBase256(field, what, offset);
  return parseOctal(field, what, offset);
}

function parseOctal(field: Uint8Array, what: string, offset: number): number {
  let i = 0;
  // Some writers pad on the left with spaces or NULs.
  while (i < field.length && (field[i] === 0x20 || field[i] === 0)) i++;
  let value = 0;
  let digits = 0;
  for (; i < field.length; i++) {
    const byte = field[i] ?? 0;
    if (byte === 0x20 || byte === 0) break;
    if (byte < 0x30 || byte > 0x37) throw new TarFormatError(`${what} field is not octal`, offset);
    value = value * 8 + (byte - 0x30);
    digits++;
  }
  // Whatever follows the terminator must be padding too.
  for (; i < field.length; i++) {
    const byte = field[i] ?? 0;
    if (byte !== 0x20 && byte !== 0) throw new TarFormatError(`${what} field is not octal`, offset);
  }
  if (digits > 0 && !Number.isSafeInteger(value)) throw new TarFormatError(`${what} field is too large`, offset);
  return value;
}

function parseBase256(field: Uint8Array, what: string, offset: number): number {
  // 0xff marks a negative number: never valid for a size.
  if (field[0] === 0xff) throw new TarFormatError(`${what} field is negative`, offset);
  let value = (field[0] ?? 0) & 0x7f;
  for (let i = 1; i < field.length; i++) {
    value = value * 256 + (field[i] ?? 0);
    if (!Number.isSafeInteger(value)) throw new TarFormatError(`${what} field is too large`, offset);
  }
  return value;
}
