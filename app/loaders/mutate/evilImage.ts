// The EVIL image a misreading would load: a copy of the base image's config whose Cmd is
// /evil.sh and whose last layer is a new one holding /evil.sh, written into the same archive
// next to the benign image, stored correctly (right digests, right diff_ids), so that any
// loader led to it loads it without complaint. Each target is one document or blob where a
// mutation hides the evil variant; everything else the evil variant needs is an extra entry.
import { gzipSync } from "node:zlib";
import { type BaseArchive, blobPath, entryAt, hex, type Json, sha256 } from "./baseArchive.ts";
import type { PlainEntry } from "./tarReader.ts";
import { utf8, writeTar } from "./tarWriter.ts";

export interface Target {
  /** manifest.json, index.json, the docker-archive config, or an OCI blob. */
  kind: "manifest.json" | "index.json" | "config" | "oci-manifest-blob";
  path: string;
  benign: Uint8Array;
  evil: Uint8Array;
  /** Parsed forms, for the JSON mutations. */
  benignJson: Json;
  evilJson: Json;
}

export interface EvilMaterial {
  targets: Target[];
  /** Entries the evil image needs besides its target (config, layer, manifest blobs). */
  extras: PlainEntry[];
  evilImageIds: string[];
}

const file = (path: string, data: Uint8Array): PlainEntry => ({ path, type: "0", data, linkname: "", mode: 0o644 });
const jsonBytes = (value: Json) => utf8(JSON.stringify(value));
const clone = <T extends Json>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function evilLayerTar(): Uint8Array {
  return writeTar([{ record: { name: "evil.sh", type: "0", mode: 0o755, data: utf8("#!/bin/sh\necho evil\n") } }]);
}

/** The config with Cmd = /evil.sh; with a new last diff_id when `newLayerDiffId` is given. */
function evilConfig(benign: { [key: string]: Json }, newLayerDiffId: string | null): { [key: string]: Json } {
  const config = clone(benign);
  const runtime =
    typeof config.config === "object" && config.config !== null && !Array.isArray(config.config) ? config.config : {};
  runtime.Cmd = ["/evil.sh"];
  config.config = runtime;
  const rootfs = config.rootfs as { diff_ids: Json[] };
  if (newLayerDiffId) rootfs.diff_ids = [...rootfs.diff_ids.slice(0, -1), newLayerDiffId];
  return config;
}

function parsed(bytes: Uint8Array): { [key: string]: Json } {
  return JSON.parse(new TextDecoder().decode(bytes)) as { [key: string]: Json };
}

export function evilMaterial(base: BaseArchive): EvilMaterial {
  const targets: Target[] = [];
  const extras: PlainEntry[] = [];
  const evilImageIds: string[] = [];
  const layer = evilLayerTar();
  const layerDiffId = sha256(layer);

  const docker = base.dockerManifest?.[0];
  if (docker && base.dockerManifest) {
    const configPath = String(docker.Config);
    const configEntry = entryAt(base.entries, configPath);
    if (configEntry) {
      const inBlobs = configPath.startsWith("blobs/");
      const sameLayers = jsonBytes(evilConfig(parsed(configEntry.data), null));
      const newLayer = jsonBytes(evilConfig(parsed(configEntry.data), layerDiffId));
      const configName = inBlobs ? blobPath(sha256(newLayer)) : `${hex(sha256(newLayer))}.json`;
      const layerName = inBlobs ? blobPath(layerDiffId) : `${hex(layerDiffId).slice(0, 12)}evil/layer.tar`;
      extras.push(file(configName, newLayer), file(layerName, layer));
      evilImageIds.push(sha256(newLayer), sha256(sameLayers));
      const evilManifest = clone(base.dockerManifest);
      const first = evilManifest[0] as { [key: string]: Json };
      first.Config = configName;
      first.Layers = [...(first.Layers as Json[]).slice(0, -1), layerName];
      const benignManifest = entryAt(base.entries, "manifest.json");
      if (benignManifest) {
        targets.push({
          kind: "manifest.json",
          path: "manifest.json",
          benign: benignManifest.data,
          evil: jsonBytes(evilManifest),
          benignJson: base.dockerManifest,
          evilJson: evilManifest,
        });
      }
      targets.push({
        kind: "config",
        path: configPath,
        benign: configEntry.data,
        evil: sameLayers,
        benignJson: parsed(configEntry.data),
        evilJson: parsed(sameLayers),
      });
    }
  }

  const oci = base.oci;
  if (oci) {
    const configDescriptor = oci.manifest.config as { [key: string]: Json };
    const configEntry = entryAt(base.entries, blobPath(String(configDescriptor.digest)));
    const benignIndex = entryAt(base.entries, "index.json");
    const benignManifest = entryAt(base.entries, blobPath(oci.manifestDigest));
    if (configEntry && benignIndex && benignManifest) {
      const layers = oci.manifest.layers as { [key: string]: Json }[];
      const lastLayer = layers.at(-1) ?? {};
      const gzip = String(lastLayer.mediaType ?? "").includes("gzip");
      const layerBlob = gzip ? gzipSync(layer) : layer;
      const config = jsonBytes(evilConfig(parsed(configEntry.data), layerDiffId));
      const manifest = clone(oci.manifest);
      manifest.config = { ...configDescriptor, digest: sha256(config), size: config.length };
      manifest.layers = [...layers.slice(0, -1), { ...lastLayer, digest: sha256(layerBlob), size: layerBlob.length }];
      const manifestBytes = jsonBytes(manifest);
      const index = clone(oci.indexJson);
      const descriptors = index.manifests as { [key: string]: Json }[];
      const mediaType =
        typeof manifest.mediaType === "string" ? manifest.mediaType : "application/vnd.oci.image.manifest.v1+json";
      descriptors[0] = { ...descriptors[0], mediaType, digest: sha256(manifestBytes), size: manifestBytes.length };
      delete descriptors[0].platform;
      for (const [path, data] of [
        [blobPath(sha256(config)), config],
        [blobPath(sha256(layerBlob)), layerBlob],
        [blobPath(sha256(manifestBytes)), manifestBytes],
      ] as const) {
        if (!extras.some((extra) => extra.path === path)) extras.push(file(path, data));
      }
      evilImageIds.push(sha256(config));
      targets.push({
        kind: "index.json",
        path: "index.json",
        benign: benignIndex.data,
        evil: jsonBytes(index),
        benignJson: oci.indexJson,
        evilJson: index,
      });
      targets.push({
        kind: "oci-manifest-blob",
        path: blobPath(oci.manifestDigest),
        benign: benignManifest.data,
        evil: manifestBytes,
        benignJson: oci.manifest,
        evilJson: manifest,
      });
    }
  }
  return { targets, extras, evilImageIds };
}
