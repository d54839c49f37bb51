// A real fixture taken apart for mutation: its entries, and the documents loaders start
// from (Docker's manifest.json, the OCI index.json and the manifest it leads to for this
// host). Mutations never edit a fixture's bytes in place: they rebuild the archive from
// these entries, so the unmutated rebuild is itself a control case every loader accepts.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { listTar, type PlainEntry } from "./tarReader.ts";

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface OciChain {
  indexJson: { [key: string]: Json };
  /** The manifest reached from index.json (through a nested index for this host if any). */
  manifest: { [key: string]: Json };
  manifestDigest: string;
}

export interface BaseArchive {
  name: string;
  entries: PlainEntry[];
  /** manifest.json parsed, when present. */
  dockerManifest: { [key: string]: Json }[] | null;
  oci: OciChain | null;
}

export const sha256 = (bytes: Uint8Array) => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
export const hex = (digest: string) => digest.replace(/^sha256:/, "");
const decoder = new TextDecoder();

export function entryAt(entries: readonly PlainEntry[], path: string): PlainEntry | undefined {
  return entries.find((entry) => entry.type === "0" && entry.path.replace(/^\.\//, "") === path);
}

function jsonAt(entries: readonly PlainEntry[], path: string): Json | undefined {
  const entry = entryAt(entries, path);
  return entry ? (JSON.parse(decoder.decode(entry.data)) as Json) : undefined;
}

export const blobPath = (digest: string) => `blobs/sha256/${hex(digest)}`;

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function ociChain(entries: readonly PlainEntry[]): OciChain | null {
  const indexJson = jsonAt(entries, "index.json");
  if (!isObject(indexJson) || !Array.isArray(indexJson.manifests)) return null;
  let descriptor = indexJson.manifests[0];
  for (let depth = 0; depth < 4 && isObject(descriptor); depth++) {
    const digest = String(descriptor.digest);
    const doc = jsonAt(entries, blobPath(digest));
    if (!isObject(doc)) return null;
    if (isObject(doc.config)) return { indexJson, manifest: doc, manifestDigest: digest };
    const children = Array.isArray(doc.manifests) ? doc.manifests : [];
    descriptor =
      children.find(
        (child) => isObject(child) && isObject(child.platform) && child.platform.architecture === "amd64",
      ) ?? children[0];
  }
  return null;
}

export function loadBase(path: string): BaseArchive {
  const entries = listTar(readFileSync(path));
  const manifest = jsonAt(entries, "manifest.json");
  return {
    name: path.split("/").at(-1) ?? path,
    entries,
    dockerManifest: Array.isArray(manifest) ? (manifest.filter(isObject) as { [key: string]: Json }[]) : null,
    oci: ociChain(entries),
  };
}
