// Whether the first block of a stream is a tar header. A valid checksum is what every
// tar reader checks; the "ustar" magic alone also counts, so that a real archive whose
// first header was damaged is reported as a broken tar rather than as some other file.
import { BLOCK_SIZE, hasTarMagic, hasValidChecksum, isZeroBlock } from "./headerBlock.ts";

export function looksLikeTar(firstBlock: Uint8Array): boolean {
  if (firstBlock.length < BLOCK_SIZE) return false;
  // An archive with no entries is just end-of-archive zero blocks.
  if (isZeroBlock(firstBlock)) return true;
  return hasValidChecksum(firstBlock) || hasTarMagic(firstBlock);
}
