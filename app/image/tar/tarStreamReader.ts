// Reads a tar from a sequential stream of chunks (a gunzipped .tar.gz), handing each
// entry's data to a sink as it passes. Chunks may split headers and records anywhere.
import { TarFormatError } from "../errors.ts";
import { paddedSize, TarEntryAssembler } from "./entryAssembler.ts";
import { BLOCK_SIZE, isZeroBlock, parseHeaderBlock } from "./headerBlock.ts";
import type { TarEntry } from "./tarEntry.ts";

export interface EntrySink {
  write(chunk: Uint8Array): Promise<void>;
  end(): Promise<void>;
}

/** Returns where the entry's data goes, or null to skip it. */
export type OnTarEntry = (entry: TarEntry) => Promise<EntrySink | null>;

type State = "header" | "after-zero" | "meta" | "data" | "padding" | "done";

export class TarStreamReader {
  readonly #onEntry: OnTarEntry;
  readonly #assembler = new TarEntryAssembler();
  readonly #block = new Uint8Array(BLOCK_SIZE);
  #state: State = "header";
  #offset = 0;
  #blockFill = 0;
  #meta = new Uint8Array(0);
  #metaFill = 0;
  #sink: EntrySink | null = null;
  #remaining = 0;
  #padding = 0;

  constructor(onEntry: OnTarEntry) {
    this.#onEntry = onEntry;
  }

  /** True once the end-of-archive marker was read; later bytes are ignored. */
  get finished(): boolean {
    return this.#state === "done";
  }

  async push(chunk: Uint8Array): Promise<void> {
    let pos = 0;
    while (pos < chunk.length && this.#state !== "done") {
      const available = chunk.length - pos;
      if (this.#state === "header" || this.#state === "after-zero") {
        const take = Math.min(BLOCK_SIZE - this.#blockFill, available);
        this.#block.set(chunk.subarray(pos, pos + take), this.#blockFill);
        this.#blockFill += take;
        pos += take;
        this.#offset += take;
        if (this.#blockFill === BLOCK_SIZE) {
          this.#blockFill = 0;
          await this.#onBlock(this.#offset - BLOCK_SIZE);
        }
      } else if (this.#state === "meta") {
        const take = Math.min(this.#meta.length - this.#metaFill, available);
        this.#meta.set(chunk.subarray(pos, pos + take), this.#metaFill);
        this.#metaFill += take;
        pos += take;
        this.#offset += take;
        if (this.#metaFill === this.#meta.length) this.#finishMeta();
      } else if (this.#state === "data") {
        const take = Math.min(this.#remaining, available);
        if (this.#sink) await this.#sink.write(chunk.subarray(pos, pos + take));
        this.#remaining -= take;
        pos += take;
        this.#offset += take;
        if (this.#remaining === 0) await this.#finishData();
      } else {
        const take = Math.min(this.#padding, available);
        this.#padding -= take;
        pos += take;
        this.#offset += take;
        if (this.#padding === 0) this.#state = "header";
      }
    }
  }

  /** Call when the stream ended; throws when it ended inside a header, record or entry. */
  end(): void {
    const atBoundary = (this.#state === "header" || this.#state === "after-zero") && this.#blockFill === 0;
    if (this.#state === "done" || atBoundary) {
      this.#assembler.finish(this.#offset);
      this.#state = "done";
      return;
    }
    throw new TarFormatError("archive ends inside an entry", this.#offset);
  }

  async #onBlock(headerOffset: number): Promise<void> {
    if (this.#state === "after-zero") {
      if (!isZeroBlock(this.#block)) throw new TarFormatError("a header follows a single zero block", headerOffset);
      this.#state = "done";
      return;
    }
    if (isZeroBlock(this.#block)) {
      this.#state = "after-zero";
      return;
    }
    const step = this.#assembler.accept(parseHeaderBlock(this.#block, headerOffset), headerOffset);
    this.#padding = paddedSize(step.dataSize) - step.dataSize;
    if (step.type === "meta") {
      this.#meta = new Uint8Array(step.dataSize);
      this.#metaFill = 0;
      this.#state = "meta";
      if (step.dataSize === 0) this.#finishMeta();
      return;
    }
    this.#sink = step.type === "entry" ? await this.#onEntry(step.entry) : null;
    this.#remaining = step.dataSize;
    this.#state = "data";
    if (step.dataSize === 0) await this.#finishData();
  }

  #finishMeta(): void {
    this.#assembler.acceptMeta(this.#meta, this.#offset - this.#meta.length);
    this.#meta = new Uint8Array(0);
    this.#state = this.#padding > 0 ? "padding" : "header";
  }

  async #finishData(): Promise<void> {
    const sink = this.#sink;
    this.#sink = null;
    if (sink) await sink.end();
    this.#state = this.#padding > 0 ? "padding" : "header";
  }
}
