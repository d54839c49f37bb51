// sha256 of a gzip stream's decompressed bytes, fed chunk by chunk. A stream that does not
// decompress is an answer ("does not decompress: …"), not a crash; a fast pass that declined
// says so, and the caller reads the bytes again exactly (exactGunzipPass.ts).
import type { Digest } from "../digest.ts";
import { type Gunzip, openGunzip } from "./gunzip.ts";
import type { GunzipPlatform } from "./gunzipPlatform.ts";
import type { Sha256Hasher } from "./sha256.ts";
import { ExactPassNeeded } from "./singleMemberGunzip.ts";

type GunzipResult =
  | { ok: true; digest: Digest; size: number }
  | { ok: false; reason: string }
  /** The fast pass declined: read the bytes again with `exact`. */
  | { ok: false; exactPassNeeded: true };

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { message?: string } })?.cause?.message;
  const message = (error as { message?: string })?.message;
  return cause || message || String(error);
}

export class GunzipDigest {
  readonly #hasher: Sha256Hasher;
  #gunzip: Gunzip | null = null;
  #size = 0;
  #error: unknown = null;

  private constructor(hasher: Sha256Hasher) {
    this.#hasher = hasher;
  }

  /** `exact`: the exact reader from the start (a second pass after the fast one declined). */
  static async open(hasher: Sha256Hasher, platform: GunzipPlatform, exact: boolean): Promise<GunzipDigest> {
    const digest = new GunzipDigest(hasher);
    digest.#gunzip = await openGunzip(platform, (bytes) => digest.#take(bytes), exact);
    return digest;
  }

  #take(bytes: Uint8Array): void {
    this.#hasher.update(bytes);
    this.#size += bytes.length;
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (this.#error !== null) return;
    try {
      await (this.#gunzip as Gunzip).write(chunk);
    } catch (error) {
      this.#error = error;
    }
  }

  async finish(): Promise<GunzipResult> {
    if (this.#error === null) {
      try {
        await (this.#gunzip as Gunzip).finish();
      } catch (error) {
        this.#error = error;
      }
    }
    if (this.#error instanceof ExactPassNeeded) return { ok: false, exactPassNeeded: true };
    if (this.#error !== null) return { ok: false, reason: reasonOf(this.#error) };
    return { ok: true, digest: this.#hasher.digest(), size: this.#size };
  }
}
