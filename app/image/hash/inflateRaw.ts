// A streaming raw DEFLATE decoder (RFC 1951) that knows exactly where its stream ends:
// what a gzip member reader needs to find the next member, and what DecompressionStream
// cannot tell (it only errors on bytes past the end, dropping output it had queued).
// It accepts and refuses what zlib does, with zlib's messages, so a browser falling back
// to it answers as Node's zlib does. About half DecompressionStream's speed: browsers use it
// only when a gzip stream is not one plain member (gunzipPlatform.ts).
// The `as number` reads index the input, the tables and the window inside bounds the decoder
// keeps (per bit and per byte): a checked call (util/itemAt.ts) there would halve its speed.

import type { DeflateInflater, OutputSink } from "./deflateInflater.ts";
import { buildHuffmanTable, type HuffmanTable } from "./huffmanTable.ts";

/** A raw DEFLATE stream that does not decompress; the message is zlib's. */
export class DeflateError extends Error {
  override readonly name = "DeflateError";
}

const WINDOW = 32 * 1024;
/** Output gathered before it is handed on. */
const FLUSH_BYTES = 256 * 1024;
/** Room for one more length/distance copy past the flush mark. */
const OUT_SIZE = WINDOW + FLUSH_BYTES + 258;
/** Input kept in hand before a block header (a dynamic one takes at most ~560 bytes) or a symbol (≤ 48 bits). */
const HEADER_MARGIN = 1024;
const SYMBOL_MARGIN = 8;

const LENGTH_BASE = [
  3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
];
const LENGTH_EXTRA = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0];
const DIST_BASE = [
  1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145,
  8193, 12289, 16385, 24577,
];
const DIST_EXTRA = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13];
/** Order of the code length code lengths in a dynamic block header. */
const CODE_LENGTH_ORDER = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15];

function table(lengths: Uint8Array, count: number, kind: Parameters<typeof buildHuffmanTable>[2]): HuffmanTable {
  const built = buildHuffmanTable(lengths, count, kind);
  if (typeof built === "string") throw new DeflateError(built);
  return built;
}

let fixed: { literals: HuffmanTable; distances: HuffmanTable } | null = null;
function fixedTables() {
  if (fixed) return fixed;
  const lengths = new Uint8Array(288);
  lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288);
  fixed = {
    literals: table(lengths, 288, "literal-lengths"),
    distances: table(new Uint8Array(32).fill(5), 32, "distances"),
  };
  return fixed;
}

const HEADER = 0;
const STORED = 1;
const CODES = 2;
const DONE = 3;
type Mode = typeof HEADER | typeof STORED | typeof CODES | typeof DONE;

/** Why #run stopped. */
const NEED_INPUT = 0;
const NEED_FLUSH = 1;
const ENDED = 2;
type Stop = typeof NEED_INPUT | typeof NEED_FLUSH | typeof ENDED;

class Truncated extends Error {}

export class JsInflater implements DeflateInflater {
  readonly #sink: OutputSink;
  #input: Uint8Array = new Uint8Array(0);
  #pos = 0;
  #bitBuf = 0;
  #bitCount = 0;
  #final = false;
  #mode: Mode = HEADER;
  #lastBlock = false;
  #storedLeft = 0;
  #literals: HuffmanTable | null = null;
  #distances: HuffmanTable | null = null;
  readonly #out = new Uint8Array(OUT_SIZE);
  #outPos = 0;
  /** Start of the output not yet handed on. */
  #flushed = 0;
  /** Bytes output so far, for "distance too far back". */
  #total = 0;

  constructor(sink: OutputSink) {
    this.#sink = sink;
  }

  async write(chunk: Uint8Array): Promise<Uint8Array | null> {
    if (this.#mode === DONE) return chunk;
    this.#append(chunk);
    return this.#drive();
  }

  async finish(): Promise<Uint8Array> {
    // Ended during a write, which already handed back what followed the end.
    if (this.#mode === DONE) return new Uint8Array(0);
    this.#final = true;
    const leftover = await this.#drive();
    if (leftover === null) throw new DeflateError("unexpected end of file");
    return leftover;
  }

  #append(chunk: Uint8Array): void {
    const rest = this.#input.length - this.#pos;
    if (rest === 0) {
      this.#input = chunk;
    } else {
      // Only the few bytes held back at a boundary are copied; the caller may reuse `chunk` later.
      const joined = new Uint8Array(rest + chunk.length);
      joined.set(this.#input.subarray(this.#pos));
      joined.set(chunk, rest);
      this.#input = joined;
    }
    this.#pos = 0;
  }

  async #drive(): Promise<Uint8Array | null> {
    for (;;) {
      let stop: Stop;
      try {
        stop = this.#run();
      } catch (error) {
        if (error instanceof Truncated) throw new DeflateError("unexpected end of file");
        throw error;
      }
      if (stop === NEED_FLUSH) {
        await this.#flush();
        continue;
      }
      // Whole bytes in the bit buffer go back to the input: they may follow the stream's end,
      // and they must be kept with the rest of this chunk.
      this.#unreadWholeBytes();
      if (stop === NEED_INPUT && !this.#final) {
        // Keep a copy of what is left: the caller's chunk is only lent for this call (and a
        // Buffer's slice() would not copy).
        this.#input = new Uint8Array(this.#input.subarray(this.#pos));
        this.#pos = 0;
        return null;
      }
      await this.#flush();
      // The bits left of the last byte are padding: the stream ends at the next byte boundary.
      this.#bitBuf = 0;
      this.#bitCount = 0;
      return this.#input.subarray(this.#pos);
    }
  }

  #unreadWholeBytes(): void {
    const whole = this.#bitCount >>> 3;
    this.#pos -= whole;
    this.#bitCount -= whole * 8;
    this.#bitBuf &= (1 << this.#bitCount) - 1;
  }

  async #flush(): Promise<void> {
    if (this.#outPos > this.#flushed) await this.#sink(this.#out.slice(this.#flushed, this.#outPos));
    if (this.#outPos > WINDOW + FLUSH_BYTES / 2) {
      // Keep the last 32 KiB for back-references.
      this.#out.copyWithin(0, this.#outPos - WINDOW, this.#outPos);
      this.#outPos = WINDOW;
    }
    this.#flushed = this.#outPos;
  }

  /** Reads `n` ≤ 24 bits; throws Truncated past the end of the final input. */
  #bits(n: number): number {
    while (this.#bitCount < n) {
      if (this.#pos >= this.#input.length) throw new Truncated();
      this.#bitBuf |= (this.#input[this.#pos++] as number) << this.#bitCount;
      this.#bitCount += 8;
    }
    const value = this.#bitBuf & ((1 << n) - 1);
    this.#bitBuf >>>= n;
    this.#bitCount -= n;
    return value;
  }

  #symbol(code: HuffmanTable): number {
    while (this.#bitCount < code.bits && this.#pos < this.#input.length) {
      this.#bitBuf |= (this.#input[this.#pos++] as number) << this.#bitCount;
      this.#bitCount += 8;
    }
    const entry = code.entries[this.#bitBuf & code.mask] as number;
    const length = entry & 15;
    if (length === 0) return -1;
    if (length > this.#bitCount) throw new Truncated();
    this.#bitBuf >>>= length;
    this.#bitCount -= length;
    return entry >>> 4;
  }

  #run(): Stop {
    for (;;) {
      if (this.#mode === DONE) return ENDED;
      if (this.#mode === HEADER) {
        if (this.#lastBlock) {
          this.#mode = DONE;
          continue;
        }
        if (!this.#final && this.#input.length - this.#pos < HEADER_MARGIN) return NEED_INPUT;
        this.#blockHeader();
        continue;
      }
      const stop = this.#mode === STORED ? this.#stored() : this.#codes();
      if (stop !== null) return stop;
    }
  }

  #blockHeader(): void {
    this.#lastBlock = this.#bits(1) === 1;
    const type = this.#bits(2);
    if (type === 0) {
      // Stored: skip to a byte boundary, then LEN and its one's complement.
      this.#bits(this.#bitCount & 7);
      const length = this.#bits(16);
      const complement = this.#bits(16);
      if (length !== (~complement & 0xffff)) throw new DeflateError("invalid stored block lengths");
      this.#storedLeft = length;
      this.#mode = STORED;
    } else if (type === 1) {
      const { literals, distances } = fixedTables();
      this.#literals = literals;
      this.#distances = distances;
      this.#mode = CODES;
    } else if (type === 2) {
      this.#dynamicTables();
      this.#mode = CODES;
    } else {
      throw new DeflateError("invalid block type");
    }
  }

  #dynamicTables(): void {
    const literalCount = this.#bits(5) + 257;
    const distanceCount = this.#bits(5) + 1;
    const codeLengthCount = this.#bits(4) + 4;
    if (literalCount > 286 || distanceCount > 30) throw new DeflateError("too many length or distance symbols");
    const codeLengths = new Uint8Array(19);
    for (let i = 0; i < codeLengthCount; i++) codeLengths[CODE_LENGTH_ORDER[i] as number] = this.#bits(3);
    const codeLengthTable = table(codeLengths, 19, "code-lengths");
    const lengths = new Uint8Array(literalCount + distanceCount);
    for (let have = 0; have < lengths.length; ) {
      const symbol = this.#symbol(codeLengthTable);
      if (symbol < 0) throw new DeflateError("invalid code lengths set"); // not reached: zlib refuses incomplete sets here
      if (symbol < 16) {
        lengths[have++] = symbol;
        continue;
      }
      let value = 0;
      let repeat: number;
      if (symbol === 16) {
        if (have === 0) throw new DeflateError("invalid bit length repeat");
        value = lengths[have - 1] as number;
        repeat = 3 + this.#bits(2);
      } else if (symbol === 17) {
        repeat = 3 + this.#bits(3);
      } else {
        repeat = 11 + this.#bits(7);
      }
      if (have + repeat > lengths.length) throw new DeflateError("invalid bit length repeat");
      lengths.fill(value, have, have + repeat);
      have += repeat;
    }
    if (lengths[256] === 0) throw new DeflateError("invalid code -- missing end-of-block");
    this.#literals = table(lengths, literalCount, "literal-lengths");
    this.#distances = table(lengths.subarray(literalCount), distanceCount, "distances");
  }

  #stored(): Stop | null {
    // Whole bytes left in the bit buffer come first (there are none after the LEN fields' alignment
    // unless the header was read from a buffer refilled past them).
    while (this.#storedLeft > 0 && this.#bitCount >= 8) {
      if (this.#outPos >= WINDOW + FLUSH_BYTES) return NEED_FLUSH;
      this.#emit(this.#bits(8));
      this.#storedLeft--;
    }
    while (this.#storedLeft > 0) {
      const available = this.#input.length - this.#pos;
      if (available === 0) {
        if (this.#final) throw new Truncated();
        return NEED_INPUT;
      }
      const room = WINDOW + FLUSH_BYTES - this.#outPos;
      if (room <= 0) return NEED_FLUSH;
      const take = Math.min(available, room, this.#storedLeft);
      this.#out.set(this.#input.subarray(this.#pos, this.#pos + take), this.#outPos);
      this.#pos += take;
      this.#outPos += take;
      this.#total += take;
      this.#storedLeft -= take;
    }
    this.#mode = HEADER;
    return null;
  }

  #emit(byte: number): void {
    this.#out[this.#outPos++] = byte;
    this.#total++;
  }

  /** Literals and copies until the block's end-of-block code; the hot loop. */
  #codes(): Stop | null {
    const literals = this.#literals as HuffmanTable;
    const distances = this.#distances as HuffmanTable;
    const out = this.#out;
    const safeEnd = this.#input.length - SYMBOL_MARGIN;
    for (;;) {
      if (this.#outPos >= WINDOW + FLUSH_BYTES) return NEED_FLUSH;
      if (this.#pos > safeEnd && !this.#final) return NEED_INPUT;
      const symbol = this.#symbol(literals);
      if (symbol < 256) {
        if (symbol < 0) throw new DeflateError("invalid literal/length code");
        out[this.#outPos++] = symbol;
        this.#total++;
        continue;
      }
      if (symbol === 256) {
        this.#mode = HEADER;
        return null;
      }
      const lengthCode = symbol - 257;
      if (lengthCode >= 29) throw new DeflateError("invalid literal/length code");
      const length = (LENGTH_BASE[lengthCode] as number) + this.#bits(LENGTH_EXTRA[lengthCode] as number);
      const distanceCode = this.#symbol(distances);
      if (distanceCode < 0 || distanceCode >= 30) throw new DeflateError("invalid distance code");
      const distance = (DIST_BASE[distanceCode] as number) + this.#bits(DIST_EXTRA[distanceCode] as number);
      if (distance > this.#total) throw new DeflateError("invalid distance too far back");
      let from = this.#outPos - distance;
      let to = this.#outPos;
      const end = to + length;
      // Byte by byte: source and destination overlap whenever distance < length.
      while (to < end) out[to++] = out[from++] as number;
      this.#outPos = end;
      this.#total += length;
    }
  }
}
