// Typeflag bytes as Go's archive/tar (common.go) names them, and what each means to a reader.
import type { TarEntryKind } from "./tarEntry.ts";

export const TYPE_REG_OLD = 0x00; // TypeRegA: a file, or a directory when the name ends in "/"
export const TYPE_REG = 0x30;
const TYPE_LINK = 0x31;
const TYPE_SYMLINK = 0x32;
export const TYPE_DIR = 0x35;
export const TYPE_PAX = 0x78; // 'x': records for the next header
export const TYPE_PAX_GLOBAL = 0x67; // 'g': returned by Go as an entry of its own
export const TYPE_GNU_LONG_NAME = 0x4c; // 'L'
export const TYPE_GNU_LONG_LINK = 0x4b; // 'K'
export const TYPE_GNU_SPARSE = 0x53; // 'S'

/** Go's isHeaderOnlyType: '1' to '6' never have data, whatever their size says. */
export function isHeaderOnly(typeflag: number): boolean {
  return typeflag >= 0x31 && typeflag <= 0x36;
}

export function kindOf(typeflag: number): TarEntryKind {
  if (typeflag === TYPE_REG) return "file";
  if (typeflag === TYPE_LINK) return "hardlink";
  if (typeflag === TYPE_SYMLINK) return "symlink";
  if (typeflag === TYPE_DIR) return "directory";
  return "other";
}
