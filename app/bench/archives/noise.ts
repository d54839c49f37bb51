// Deterministic, compressible filler for benchmark layers: the bytes at any offset of a
// stream are a pure function of (key, offset), so an interrupted archive build resumes
// where it stopped and every machine builds the same bytes.
//
// Each 4 KiB page is 2 KiB of 4-bit noise (AES-128-CTR keystream, masked into 16 letters)
// followed by the same 2 KiB again: gzip -6 brings it to about a third, as it does real
// layers (half literals, half long matches), so decompression costs what it costs on them.
// The `as number` read indexes words inside the loop bound, per 4 bytes of GiBs of filler: kept
// as a cast, as a checked call per word would slow the build.
import { createCipheriv, createHash } from "node:crypto";

const PAGE = 4096;
const HALF = PAGE / 2;
const AES_BLOCK = 16;

export function noiseKey(label: string): Buffer {
  return createHash("sha256").update(`imageseal-bench:${label}`).digest().subarray(0, 16);
}

function counterBlock(block: number): Buffer {
  const iv = Buffer.alloc(AES_BLOCK);
  iv.writeBigUInt64BE(BigInt(block), 8);
  return iv;
}

/** The noise bytes [offset, offset + length) of the stream named by `key`. */
export function noiseBytes(key: Buffer, offset: number, length: number): Uint8Array {
  const firstPage = Math.floor(offset / PAGE);
  const lastPage = Math.ceil((offset + length) / PAGE);
  const pages = lastPage - firstPage;
  const cipher = createCipheriv("aes-128-ctr", key, counterBlock((firstPage * HALF) / AES_BLOCK));
  const stream = cipher.update(Buffer.alloc(pages * HALF));
  // Mask 4 bytes at a time into "@".."O": 16 letters, 4 bits of entropy per byte.
  const words = new Uint32Array(stream.buffer, stream.byteOffset, stream.length / 4);
  for (let i = 0; i < words.length; i++) words[i] = ((words[i] as number) & 0x0f0f0f0f) | 0x40404040;
  const out = new Uint8Array(pages * PAGE);
  for (let page = 0; page < pages; page++) {
    const half = stream.subarray(page * HALF, (page + 1) * HALF);
    out.set(half, page * PAGE);
    out.set(half, page * PAGE + HALF);
  }
  const skip = offset - firstPage * PAGE;
  return out.subarray(skip, skip + length);
}
