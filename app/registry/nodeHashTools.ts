// The engine's Node hashing for registry pulls: node:crypto (SHA-NI) and node:zlib, several
// times faster than the portable defaults. Node-only: the page never imports this file.
import type { HashTools } from "../image/hash/hashTools.ts";
import { nodeGunzip } from "../image/hash/nodeGunzipPlatform.ts";
import { nodeSha256 } from "../image/hash/nodeSha256.ts";

export const nodeRegistryHashTools: HashTools = { createSha256: nodeSha256, gunzip: nodeGunzip };
