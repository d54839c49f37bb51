// Sha256Factory over hash-wasm's streamed SHA-256. Instances are recycled with init()
// rather than re-created, since each createSHA256() instantiates a WebAssembly module.
import { createSHA256, type IHasher } from "hash-wasm";
import type { Digest } from "../digest.ts";
import type { Sha256Factory, Sha256Hasher } from "./sha256.ts";

/** One factory per worker: its free list is that worker's pool of WebAssembly instances. */
export function createWasmSha256Factory(): Sha256Factory {
  const idle: IHasher[] = [];
  return async () => {
    const wasm = idle.pop() ?? (await createSHA256());
    wasm.init();
    const hasher: Sha256Hasher = {
      update: (bytes) => void wasm.update(bytes),
      digest: (): Digest => {
        const hex = wasm.digest("hex");
        idle.push(wasm);
        return `sha256:${hex}`;
      },
    };
    return hasher;
  };
}
