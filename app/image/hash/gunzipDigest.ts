// sha256 of a gzip stream's decompressed bytes, fed chunk by chunk through the platform's
// DecompressionStream. A corrupt stream is an answer ("does not decompress: …"), not a
// crash: every promise of the stream is observed so none rejects unhandled.
import type { Digest } from "../digest.ts";
import type { Sha256Hasher } from "./sha256.ts";

export type GunzipResult = { ok: true; digest: Digest; size: number } | { ok: false; reason: string };

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { message?: string } })?.cause?.message;
  const message = (error as { message?: string })?.message;
  return cause || message || String(error);
}

export class GunzipDigest {
  readonly #hasher: Sha256Hasher;
  readonly #writer: WritableStreamDefaultWriter<BufferSource>;
  readonly #pump: Promise<void>;
  #size = 0;
  #error: unknown = null;

  constructor(hasher: Sha256Hasher) {
    this.#hasher = hasher;
    const inflater = new DecompressionStream("gzip");
    this.#writer = inflater.writable.getWriter();
    this.#pump = this.#drain(inflater.readable.getReader());
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.#error !== null) return;
    try {
      // Awaiting each write (not just `ready`) is the backpressure: Node's DecompressionStream
      // counts its queue in chunks, not bytes, so `ready` alone lets megabytes pile up.
      await this.#writer.write(chunk as Uint8Array<ArrayBuffer>);
    } catch (error) {
      this.#fail(error);
    }
  }

  async finish(): Promise<GunzipResult> {
    if (this.#error === null) {
      try {
        await this.#writer.close();
      } catch (error) {
        this.#fail(error);
      }
    } else {
      this.#writer.abort(this.#error).catch(() => {});
    }
    await this.#pump;
    if (this.#error !== null) return { ok: false, reason: reasonOf(this.#error) };
    return { ok: true, digest: this.#hasher.digest(), size: this.#size };
  }

  async #drain(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        this.#hasher.update(value);
        this.#size += value.length;
      }
    } catch (error) {
      this.#fail(error);
    }
  }

  #fail(error: unknown): void {
    this.#error ??= error;
  }
}
