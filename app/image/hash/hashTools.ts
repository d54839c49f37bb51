// The platform's hashing and gunzipping, handed to everything that digests entries.
import type { GunzipPlatform } from "./gunzipPlatform.ts";
import type { Sha256Factory } from "./sha256.ts";

export interface HashTools {
  createSha256: Sha256Factory;
  gunzip: GunzipPlatform;
}
