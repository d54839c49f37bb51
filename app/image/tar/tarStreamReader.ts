// Reads a tar from a sequential stream of chunks (a gunzipped .tar.gz), handing each
// entry's data to a sink as it passes. Chunks may split headers and records anywhere.
// Where the archive ends follows Go's reader (see indexTar.ts); bytes after the
// end-of-archive marker are still looked at: a non-zero one is an ambiguity.
import { TarFormatError } from "../errors.ts";
import { type AssemblerStep, paddedSize, TarEntryAssembler } from "./entryAssembler.ts";
import { BLOCK_SIZE, isZeroBlock } from "./headerBlock.ts";
import type { TarEntry } from "./tarEntry.ts";
import type { TarListing } from "./tarListing.ts";

export interface EntrySink {
  write(chunk: Uint8Array): Promise<void>;
  end(): Promise<void>;
}

/** Returns where the entry's data goes, or null to skip it. */
type OnTarEntry = (entry: TarEntry) => Promise<EntrySink | null>;

type State = "header" | "after-zero" | "extension" | "meta" | "data" | "padding" | "done";

const ENDS_INSIDE: Readonly<Record<State, string | null>> = {
  header: "a header block",
  "after-zero": "the end-of-archive marker",
  extension: "a sparse extension block",
  meta: "an extended header",
  data: "an entry",
  // Go's reader ends cleanly inside the padding after the last entry.
  padding: null,
  done: null,
};

function firstNonZero(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) return i;
  return -1;
}

export class TarStreamReader {
  readonly #onEntry: OnTarEntry;
  readonly #assembler = new TarEntryAssembler();
  readonly #entries: TarEntry[] = [];
  readonly #block = new Uint8Array(BLOCK_SIZE);
  #state: State = "header";
  #offset = 0;
  #blockFill = 0;
  #meta = new Uint8Array(0);
  #metaFill = 0;
  #sink: EntrySink | null = null;
  #remaining = 0;
  #padding = 0;
  #trailingFound = false;

  constructor(onEntry: OnTarEntry) {
    this.#onEntry = onEntry;
  }

  /** True once the end-of-archive marker was read; later bytes are only checked for non-zero ones. */
  get finished(): boolean {
    return this.#state === "done";
  }

  /** The entries so far and what loaders could read differently; complete after end(). */
  get listing(): TarListing {
    return { entries: this.#entries, ambiguities: this.#assembler.ambiguities };
  }

  async push(chunk: Uint8Array): Promise<void> {
    let pos = 0;
    while (pos < chunk.length) {
      const available = chunk.length - pos;
      const state = this.#state;
      if (state === "header" || state === "after-zero" || state === "extension") {
        const take = Math.min(BLOCK_SIZE - this.#blockFill, available);
        this.#block.set(chunk.subarray(pos, pos + take), this.#blockFill);
        this.#blockFill += take;
        pos += take;
        this.#offset += take;
        if (this.#blockFill === BLOCK_SIZE) {
          this.#blockFill = 0;
          await this.#onBlock(this.#offset - BLOCK_SIZE);
        }
      } else if (state === "meta") {
        const take = Math.min(this.#meta.length - this.#metaFill, available);
        this.#meta.set(chunk.subarray(pos, pos + take), this.#metaFill);
        this.#metaFill += take;
        pos += take;
        this.#offset += take;
        if (this.#metaFill === this.#meta.length) await this.#finishMeta();
      } else if (state === "data") {
        const take = Math.min(this.#remaining, available);
        if (this.#sink) await this.#sink.write(chunk.subarray(pos, pos + take));
        this.#remaining -= take;
        pos += take;
        this.#offset += take;
        if (this.#remaining === 0) await this.#finishData();
      } else if (state === "padding") {
        const take = Math.min(this.#padding, available);
        this.#padding -= take;
        pos += take;
        this.#offset += take;
        if (this.#padding === 0) this.#state = "header";
      } else {
        if (!this.#trailingFound) {
          const at = firstNonZero(chunk.subarray(pos));
          if (at !== -1) {
            this.#trailingFound = true;
            this.#assembler.trailingData(this.#offset + at);
          }
        }
        this.#offset += available;
        pos = chunk.length;
      }
    }
  }

  /** Call when the stream ended; throws where Go's reader fails on a cut archive. */
  end(): void {
    const inside = ENDS_INSIDE[this.#state];
    const atBoundary = (this.#state === "header" || this.#state === "after-zero") && this.#blockFill === 0;
    if (inside !== null && !atBoundary) throw new TarFormatError(`archive ends inside ${inside}`, this.#offset);
    this.#state = "done";
  }

  async #onBlock(blockOffset: number): Promise<void> {
    if (this.#state === "extension") return this.#onStep(this.#assembler.acceptExtension(this.#block, blockOffset));
    if (this.#state === "after-zero") {
      if (!isZeroBlock(this.#block)) throw new TarFormatError("a header follows a single zero block", blockOffset);
      this.#state = "done";
      return;
    }
    if (isZeroBlock(this.#block)) {
      this.#state = "after-zero";
      return;
    }
    return this.#onStep(this.#assembler.accept(this.#block, blockOffset));
  }

  async #onStep(step: AssemblerStep): Promise<void> {
    if (step.type === "extension") {
      this.#state = "extension";
      return;
    }
    if (step.type === "meta") {
      this.#padding = paddedSize(step.dataSize) - step.dataSize;
      this.#meta = new Uint8Array(step.dataSize);
      this.#metaFill = 0;
      this.#state = "meta";
      if (step.dataSize === 0) await this.#finishMeta();
      return;
    }
    if (step.type === "entry") {
      this.#padding = paddedSize(step.dataSize) - step.dataSize;
      this.#sink = await this.#emit(step.entry);
      this.#remaining = step.dataSize;
      this.#state = "data";
      if (step.dataSize === 0) await this.#finishData();
    }
  }

  async #emit(entry: TarEntry): Promise<EntrySink | null> {
    this.#entries.push(entry);
    return this.#onEntry(entry);
  }

  async #finishMeta(): Promise<void> {
    const step = this.#assembler.acceptMeta(this.#meta, this.#offset - this.#meta.length);
    this.#meta = new Uint8Array(0);
    // A global pax header is an entry of its own, with no data.
    if (step.type === "entry") await (await this.#emit(step.entry))?.end();
    this.#state = this.#padding > 0 ? "padding" : "header";
  }

  async #finishData(): Promise<void> {
    const sink = this.#sink;
    this.#sink = null;
    if (sink) await sink.end();
    this.#state = this.#padding > 0 ? "padding" : "header";
  }
}
