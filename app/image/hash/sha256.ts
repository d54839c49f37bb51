// The one hashing interface the engine sees. hash-wasm backs it in browsers; node:crypto
// (SHA-NI, about 3x faster here) backs it in Node. Both produce `sha256:<hex>`.
import type { Digest } from "../digest.ts";

export interface Sha256Hasher {
  update(bytes: Uint8Array): void;
  /** Finishes the hash. The hasher must not be used afterwards. */
  digest(): Digest;
}

/** Hands out a fresh hasher; async because WebAssembly instances are created asynchronously. */
export type Sha256Factory = () => Promise<Sha256Hasher>;
