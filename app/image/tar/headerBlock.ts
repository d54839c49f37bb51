// Parses one 512-byte tar header block (v7, ustar, GNU) and validates its checksum.
import { TarFormatError } from "../errors.ts";
import { parseNumberField } from "./numbers.ts";

export const BLOCK_SIZE = 512;

export interface HeaderBlock {
  name: string;
  linkName: string;
  size: number;
  /** The typeflag character; "0" for the old NUL flag. */
  typeflag: string;
  format: "ustar" | "gnu" | "v7";
}

const textDecoder = new TextDecoder("utf-8");

export function isZeroBlock(block: Uint8Array): boolean {
  for (let i = 0; i < BLOCK_SIZE; i++) if (block[i] !== 0) return false;
  return true;
}

/** True when the block carries the "ustar" magic, i.e. it was meant to be a tar header. */
export function hasTarMagic(block: Uint8Array): boolean {
  return block[257] === 0x75 && block[258] === 0x73 && block[259] === 0x74 && block[260] === 0x61 && block[261] === 0x72;
}

/** Sum of the header bytes with the checksum field counted as spaces (unsigned and the old signed variant). */
function checksums(block: Uint8Array): [number, number] {
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK_SIZE; i++) {
    const byte = i >= 148 && i < 156 ? 0x20 : (block[i] ?? 0);
    unsigned += byte;
    signed += byte > 127 ? byte - 256 : byte;
  }
  return [unsigned, signed];
}

export function hasValidChecksum(block: Uint8Array): boolean {
  if (block.length < BLOCK_SIZE) return false;
  let stored: number;
  try {
    stored = parseNumberField(block.subarray(148, 156), "checksum", 0);
  } catch {
    return false;
  }
  const [unsigned, signed] = checksums(block);
  return stored === unsigned || stored === signed;
}

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return textDecoder.decode(end === -1 ? bytes : bytes.subarray(0, end));
}

export function parseHeaderBlock(block: Uint8Array, offset: number): HeaderBlock {
  if (block.length < BLOCK_SIZE) throw new TarFormatError("truncated tar header", offset);
  if (!hasValidChecksum(block)) throw new TarFormatError("tar header checksum does not match", offset);
  const magic = textDecoder.decode(block.subarray(257, 265));
  const format = magic === "ustar  \0" ? "gnu" : magic.startsWith("ustar\0") ? "ustar" : "v7";
  let name = cString(block.subarray(0, 100));
  // Only POSIX ustar has a prefix field; GNU keeps atime/ctime there.
  if (format === "ustar") {
    const prefix = cString(block.subarray(345, 500));
    if (prefix !== "") name = `${prefix}/${name}`;
  }
  const flagByte = block[156] ?? 0;
  return {
    name,
    linkName: cString(block.subarray(157, 257)),
    size: parseNumberField(block.subarray(124, 136), "size", offset),
    typeflag: flagByte === 0 ? "0" : String.fromCharCode(flagByte),
    format,
  };
}
