// Every digest one entry needs, from one pass over its bytes: sha256 of the bytes as
// stored (blob digest, blob-name check, diffId of an uncompressed layer) and, when asked
// and the bytes are gzip, sha256 of the decompressed stream (diffId of a gzip layer).
import type { Digest } from "../digest.ts";
import { type DetectedCompression, detectCompression, MAGIC_BYTES } from "./compression.ts";
import { GunzipDigest } from "./gunzipDigest.ts";
import type { HashTools } from "./hashTools.ts";
import type { Sha256Hasher } from "./sha256.ts";

export interface EntryDigests {
  /** sha256 of the bytes as stored. */
  digest: Digest;
  size: number;
  compression: DetectedCompression;
  /** sha256 of the decompressed bytes (gzip only, when decompression was asked for). */
  uncompressedDigest?: Digest;
  uncompressedSize?: number;
  /** Why the gzip stream did not decompress, when it did not. */
  decompressError?: string;
  /**
   * The fast gunzip pass declined (browsers: not one plain gzip member): the bytes must be
   * read again exactly (exactGunzipPass.ts), which replaces this with the digest or the error.
   */
  exactGunzipNeeded?: true;
}

export class EntryDigester {
  readonly #raw: Sha256Hasher;
  readonly #tools: HashTools;
  readonly #decompress: boolean;
  readonly #exactGunzip: boolean;
  #size = 0;
  /** Leading chunks held until enough bytes arrived to read the magic number. */
  #head: Uint8Array[] | null = [];
  #compression: DetectedCompression = "none";
  #gunzip: GunzipDigest | null = null;

  private constructor(raw: Sha256Hasher, tools: HashTools, decompress: boolean, exactGunzip: boolean) {
    this.#raw = raw;
    this.#tools = tools;
    this.#decompress = decompress;
    this.#exactGunzip = exactGunzip;
  }

  /**
   * `raw`: the hasher of the stored bytes, when the caller has one (a SIMD lane); else a new one.
   * `exactGunzip`: gunzip with the exact reader from the start (no fast pass to decline).
   */
  static async create(
    tools: HashTools,
    decompress: boolean,
    raw?: Sha256Hasher,
    exactGunzip = false,
  ): Promise<EntryDigester> {
    return new EntryDigester(raw ?? (await tools.createSha256()), tools, decompress, exactGunzip);
  }

  async write(chunk: Uint8Array): Promise<void> {
    this.#raw.update(chunk);
    this.#size += chunk.length;
    // Chunks kept beyond this call are copied: the source may reuse its buffer (ByteSource.stream).
    if (this.#head !== null) {
      this.#head.push(chunk.slice());
      if (this.#size >= MAGIC_BYTES) await this.#decide();
      return;
    }
    // Lent, not copied: each gunzip path copies what it keeps (singleMemberGunzip.ts, gzipReader.ts).
    if (this.#gunzip) await this.#gunzip.write(chunk);
  }

  async finish(): Promise<EntryDigests> {
    if (this.#head !== null) await this.#decide();
    const result: EntryDigests = { digest: this.#raw.digest(), size: this.#size, compression: this.#compression };
    if (this.#gunzip) {
      const gunzipped = await this.#gunzip.finish();
      if (gunzipped.ok) {
        result.uncompressedDigest = gunzipped.digest;
        result.uncompressedSize = gunzipped.size;
      } else if ("exactPassNeeded" in gunzipped) {
        result.exactGunzipNeeded = true;
      } else {
        result.decompressError = gunzipped.reason;
      }
    }
    return result;
  }

  async #decide(): Promise<void> {
    const chunks = this.#head ?? [];
    this.#head = null;
    const head = new Uint8Array(Math.min(this.#size, MAGIC_BYTES));
    let filled = 0;
    for (const chunk of chunks) {
      const take = Math.min(chunk.length, head.length - filled);
      head.set(chunk.subarray(0, take), filled);
      filled += take;
      if (filled === head.length) break;
    }
    this.#compression = detectCompression(head);
    if (this.#compression !== "gzip" || !this.#decompress) return;
    this.#gunzip = await GunzipDigest.open(await this.#tools.createSha256(), this.#tools.gunzip, this.#exactGunzip);
    for (const chunk of chunks) await this.#gunzip.write(chunk);
  }
}
