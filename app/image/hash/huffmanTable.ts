// Canonical Huffman decoding tables for DEFLATE (RFC 1951 §3.2.2), with zlib's rules for
// which code sets are valid, so the JavaScript inflater accepts and refuses exactly what the
// platforms' zlib does (Node's zlib, browsers' DecompressionStream). One flat table per code,
// indexed by the next `bits` input bits (least significant bit first).
// The `as number` reads index arrays sized by the code (≤ 320 symbols, ≤ 15 bit lengths) in
// loops run for every dynamic block: kept as casts, in bounds by those sizes.

/** What the code is for: zlib allows different incomplete sets for each (inftrees.c). */
type CodeKind = "code-lengths" | "literal-lengths" | "distances";

export interface HuffmanTable {
  /** (symbol << 4) | code length; 0 where no code starts with these bits. */
  entries: Int32Array;
  bits: number;
  mask: number;
}

/** zlib's message for a set of code lengths it refuses. */
const INVALID_SET: Record<CodeKind, string> = {
  "code-lengths": "invalid code lengths set",
  "literal-lengths": "invalid literal/lengths set",
  distances: "invalid distances set",
};

const MAX_BITS = 15;

function reverseBits(code: number, length: number): number {
  let reversed = 0;
  for (let i = 0; i < length; i++) {
    reversed = (reversed << 1) | (code & 1);
    code >>>= 1;
  }
  return reversed;
}

/**
 * The table for `lengths[0..count)`, or zlib's reason for refusing them. Like zlib, a set
 * with no codes at all is accepted (any use of it fails), and an incomplete set only when it
 * is one code of length 1 for literals/lengths or distances.
 */
export function buildHuffmanTable(lengths: Uint8Array, count: number, kind: CodeKind): HuffmanTable | string {
  const counts = new Int32Array(MAX_BITS + 1);
  let max = 0;
  for (let symbol = 0; symbol < count; symbol++) {
    const length = lengths[symbol] as number;
    counts[length] = (counts[length] as number) + 1;
    if (length > max) max = length;
  }
  if (max === 0) {
    // zlib reads every code from such a table as symbol 0 in one bit (it never checks the
    // entry for code lengths); for the other kinds the entries stay invalid.
    const entries = new Int32Array(2);
    if (kind === "code-lengths") entries.fill(1);
    return { entries, bits: 1, mask: 1 };
  }
  let left = 1;
  for (let length = 1; length <= MAX_BITS; length++) {
    left = (left << 1) - (counts[length] as number);
    if (left < 0) return INVALID_SET[kind]; // over-subscribed
  }
  if (left > 0 && (kind === "code-lengths" || max !== 1)) return INVALID_SET[kind]; // incomplete
  // First canonical code of each length; counts[0] (the unused symbols) takes no codes.
  const next = new Int32Array(MAX_BITS + 1);
  for (let length = 2; length <= MAX_BITS; length++)
    next[length] = ((next[length - 1] as number) + (counts[length - 1] as number)) << 1;
  const size = 1 << max;
  const entries = new Int32Array(size);
  for (let symbol = 0; symbol < count; symbol++) {
    const length = lengths[symbol] as number;
    if (length === 0) continue;
    const assigned = next[length] as number;
    next[length] = assigned + 1;
    const entry = (symbol << 4) | length;
    for (let index = reverseBits(assigned, length); index < size; index += 1 << length) entries[index] = entry;
  }
  return { entries, bits: max, mask: size - 1 };
}
