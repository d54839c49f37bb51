// Sha256Factory over node:crypto. Node-only: the browser bundle never imports it.
import { createHash } from "node:crypto";
import type { Digest } from "../digest.ts";
import type { Sha256Factory, Sha256Hasher } from "./sha256.ts";

export const nodeSha256: Sha256Factory = async () => {
  const hash = createHash("sha256");
  const hasher: Sha256Hasher = {
    update: (bytes) => void hash.update(bytes),
    digest: (): Digest => `sha256:${hash.digest("hex")}`,
  };
  return hasher;
};
