// Every mutation of one base archive: a control (the rebuild, no trick), each tar trick on
// each target with the benign and evil contents both ways round, each JSON trick, the OCI
// descriptor tricks, the end-of-archive tricks; and seeded random combinations of them.
import { gzipSync } from "node:zlib";
import { itemAt } from "../../image/util/itemAt.ts";
import { archiveOf, indexOfPath, type MutableArchive, serialize } from "./archiveItems.ts";
import { type BaseArchive, blobPath, type Json, sha256 } from "./baseArchive.ts";
import { type EvilMaterial, evilMaterial, type Target } from "./evilImage.ts";
import { JSON_TRICKS } from "./jsonTricks.ts";
import type { PlainEntry } from "./tarReader.ts";
import { hiddenPartner, TAR_TRICKS, type TarTrick } from "./tarTricks.ts";
import { END_OF_ARCHIVE, fileRecord, utf8, writeTar } from "./tarWriter.ts";

type Assignment = "trick-evil" | "trick-benign" | "alone-benign" | "alone-evil";

export interface Mutation {
  /** Stable id: base.family.trick.target.variant */
  id: string;
  family: string;
  trick: string;
  target: Target["kind"] | "archive";
  variant: string;
  description: string;
  apply(archive: MutableArchive): boolean;
}

const MANIFEST_MEDIA = "application/vnd.oci.image.manifest.v1+json";
const INDEX_MEDIA = "application/vnd.oci.image.index.v1+json";
const DOCKER_LIST_MEDIA = "application/vnd.docker.distribution.manifest.list.v2+json";

export interface MutationSet {
  base: BaseArchive;
  material: EvilMaterial;
  mutations: Mutation[];
}

function tarMutations(base: string, target: Target, trick: TarTrick): Mutation[] {
  if (trick.nestedOnly && !target.path.includes("/")) return [];
  const variants: [Assignment, "tricky-first" | "partner-first" | null][] = [
    ["trick-evil", "tricky-first"],
    ["trick-evil", "partner-first"],
    ["trick-benign", "tricky-first"],
    ["trick-benign", "partner-first"],
    ["alone-benign", null],
    ["alone-evil", null],
  ];
  return variants.map(([assignment, order]) => {
    const variant = order ? `${assignment}.${order}` : assignment;
    const trickContent = assignment === "trick-evil" || assignment === "alone-evil" ? target.evil : target.benign;
    const partnerContent = assignment === "trick-evil" ? target.benign : target.evil;
    return {
      id: `${base}.${trick.family}.${trick.name}.${target.kind}.${variant}`,
      family: trick.family,
      trick: trick.name,
      target: target.kind,
      variant,
      description:
        `${trick.name} on ${target.path}: tricky pieces (Go should read: ${trick.goReads}) carry the ${trickContent === target.evil ? "EVIL" : "benign"} ${target.kind}` +
        (order
          ? `; a ${trick.partner === "hidden" ? "pax-hidden (header name P, pax path = a decoy)" : "plain"} partner at P carries the ${partnerContent === target.evil ? "EVIL" : "benign"} one, ${order}`
          : "; no partner") +
        (trick.atEnd ? "; the tricky pieces sit at the end of the archive" : ""),
      apply(archive) {
        const index = indexOfPath(archive, target.path);
        if (index === -1) return false;
        const tricky = trick.tricky(target.path, trickContent);
        const partner =
          order === null
            ? []
            : [
                trick.partner === "hidden"
                  ? hiddenPartner(target.path, partnerContent)
                  : fileRecord(target.path, partnerContent),
              ];
        if (trick.atEnd) {
          archive.items[index] = { path: null, pieces: partner };
          archive.items.push({ path: null, pieces: tricky });
        } else
          archive.items[index] = {
            path: null,
            pieces: order === "partner-first" ? [...partner, ...tricky] : [...tricky, ...partner],
          };
        return true;
      },
    };
  });
}

function replaceWith(target: Target, bytes: Uint8Array) {
  return (archive: MutableArchive) => {
    const index = indexOfPath(archive, target.path);
    if (index === -1) return false;
    archive.items[index] = { path: null, pieces: [fileRecord(target.path, bytes)] };
    return true;
  };
}

function jsonMutations(base: string, target: Target): Mutation[] {
  const out: Mutation[] = [];
  for (const trick of JSON_TRICKS) {
    const pairs: [string, Json, Json][] = trick.dual
      ? [
          ["go-evil", target.evilJson, target.benignJson],
          ["go-benign", target.benignJson, target.evilJson],
        ]
      : [
          ["benign", target.benignJson, target.benignJson],
          ["evil", target.evilJson, target.evilJson],
        ];
    for (const [variant, goValue, otherValue] of pairs) {
      const bytes = trick.build(goValue, otherValue);
      if (bytes === null) continue;
      out.push({
        id: `${base}.json.${trick.name}.${target.kind}.${variant}`,
        family: "json",
        trick: trick.name,
        target: target.kind,
        variant,
        description: `${trick.name} in ${target.path} (${trick.why}); ${trick.dual ? `Go should read the ${variant === "go-evil" ? "EVIL" : "benign"} document, JSON.parse the other` : `the ${variant} document`}`,
        apply: replaceWith(target, bytes),
      });
    }
  }
  return out;
}

/** OCI: a manifest that is also an index, an index that is also a manifest, descriptor media types that lie. */
function descriptorMutations(base: string, set: { base: BaseArchive; material: EvilMaterial }): Mutation[] {
  const oci = set.base.oci;
  const evilTarget = set.material.targets.find((t) => t.kind === "oci-manifest-blob");
  const indexTarget = set.material.targets.find((t) => t.kind === "index.json");
  if (!oci || !evilTarget || !indexTarget) return [];
  const evilManifest = evilTarget.evilJson as { [k: string]: Json };
  const benignManifest = oci.manifest;
  const benignBytes = evilTarget.benign;
  const manifestMedia = (m: { [k: string]: Json }) => (typeof m.mediaType === "string" ? m.mediaType : MANIFEST_MEDIA);
  const descriptorOf = (doc: { [k: string]: Json }, bytes: Uint8Array) => ({
    mediaType: manifestMedia(doc),
    digest: sha256(bytes),
    size: bytes.length,
    platform: { architecture: "amd64", os: "linux" },
  });

  function pointIndexAt(bytes: Uint8Array, mediaType: string) {
    const index = JSON.parse(JSON.stringify(oci?.indexJson)) as { manifests: { [k: string]: Json }[] };
    const first = index.manifests[0] ?? {};
    index.manifests[0] = { ...first, mediaType, digest: sha256(bytes), size: bytes.length };
    delete index.manifests[0].platform;
    return utf8(JSON.stringify(index));
  }
  function withBlob(bytes: Uint8Array, indexBytes: Uint8Array) {
    return (archive: MutableArchive) => {
      const index = indexOfPath(archive, "index.json");
      if (index === -1) return false;
      archive.items[index] = { path: null, pieces: [fileRecord("index.json", indexBytes)] };
      archive.items.unshift({ path: null, pieces: [fileRecord(blobPath(sha256(bytes)), bytes)] });
      return true;
    };
  }

  const out: Mutation[] = [];
  const add = (trick: string, variant: string, description: string, bytes: Uint8Array, mediaType: string) =>
    out.push({
      id: `${base}.document-kind.${trick}.index.json.${variant}`,
      family: "document-kind",
      trick,
      target: "index.json",
      variant,
      description,
      apply: withBlob(bytes, pointIndexAt(bytes, mediaType)),
    });

  const evilBytes = evilTarget.evil;
  for (const [label, media] of [
    ["desc-manifest", MANIFEST_MEDIA],
    ["desc-index", INDEX_MEDIA],
  ] as const) {
    for (const [part, outer, inner, innerBytes] of [
      ["benign-manifest-evil-index", benignManifest, evilManifest, evilBytes],
      ["evil-manifest-benign-index", evilManifest, benignManifest, benignBytes],
    ] as const) {
      const both = utf8(JSON.stringify({ ...outer, manifests: [descriptorOf(inner, innerBytes)] }));
      add(
        "manifest-also-index",
        `${part}.${label}`,
        `a manifest blob that also has "manifests" (${part}), index.json's descriptor says ${media}`,
        both,
        media,
      );
      const asIndex = utf8(
        JSON.stringify({
          schemaVersion: 2,
          mediaType: INDEX_MEDIA,
          manifests: [descriptorOf(inner, innerBytes)],
          config: outer.config ?? null,
          layers: outer.layers ?? null,
        }),
      );
      add(
        "index-also-manifest",
        `${part}.${label}`,
        `an index blob that also has config + layers (${part}), index.json's descriptor says ${media}`,
        asIndex,
        media,
      );
    }
  }
  for (const media of [INDEX_MEDIA, DOCKER_LIST_MEDIA, "application/octet-stream", ""]) {
    add(
      "descriptor-media-type-lies",
      `benign.${media.split("/").at(-1) || "empty"}`,
      `index.json's descriptor says "${media}" for the benign manifest`,
      benignBytes,
      media,
    );
  }
  // index.json names the EVIL manifest too, annotated as an attestation (which the engine skips below an image index only).
  const withAttestation = JSON.parse(JSON.stringify(oci.indexJson)) as { manifests: { [k: string]: Json }[] };
  withAttestation.manifests.push({
    ...descriptorOf(evilManifest, evilBytes),
    annotations: {
      "io.containerd.image.name": "docker.io/library/attested:latest",
      "org.opencontainers.image.ref.name": "attested",
      "vnd.docker.reference.type": "attestation-manifest",
    },
  });
  add(
    "attestation-in-index-json",
    "evil",
    "index.json lists the EVIL manifest as a named descriptor annotated as an attestation",
    evilBytes,
    MANIFEST_MEDIA,
  );
  const attestationMutation = itemAt(out, out.length - 1);
  attestationMutation.apply = replaceWith(indexTarget, utf8(JSON.stringify(withAttestation))); // the EVIL manifest blob is stored already
  const relabelled = utf8(JSON.stringify({ ...benignManifest, mediaType: INDEX_MEDIA }));
  add(
    "manifest-says-index",
    "benign",
    "the benign manifest's own mediaType field says image index",
    relabelled,
    MANIFEST_MEDIA,
  );
  return out;
}

function archiveMutations(base: string, targets: Target[]): Mutation[] {
  const out: Mutation[] = [];
  for (const target of targets) {
    for (const [variant, inBody, after] of [
      ["evil-after", target.benign, target.evil],
      ["benign-after", target.evil, target.benign],
    ] as const) {
      out.push({
        id: `${base}.trailing-data.after-end-marker.${target.kind}.${variant}`,
        family: "trailing-data",
        trick: "after-end-marker",
        target: target.kind,
        variant,
        description: `${target.path} inside the archive holds the ${inBody === target.evil ? "EVIL" : "benign"} document; another ${target.path} after the end-of-archive marker holds the other`,
        apply(archive) {
          if (!replaceWith(target, inBody)(archive)) return false;
          archive.trailer.push(writeTar([fileRecord(target.path, after)]));
          return true;
        },
      });
      out.push({
        id: `${base}.trailing-data.after-one-zero-block.${target.kind}.${variant}`,
        family: "trailing-data",
        trick: "after-one-zero-block",
        target: target.kind,
        variant,
        description: `one zero block, then ${target.path} again (${after === target.evil ? "EVIL" : "benign"}), then the end marker`,
        apply(archive) {
          if (!replaceWith(target, inBody)(archive)) return false;
          archive.items.push({ path: null, pieces: [{ raw: new Uint8Array(512) }, fileRecord(target.path, after)] });
          return true;
        },
      });
    }
    out.push({
      id: `${base}.trailing-data.moved-after-end-marker.${target.kind}.benign`,
      family: "trailing-data",
      trick: "moved-after-end-marker",
      target: target.kind,
      variant: "benign",
      description: `${target.path} only after the end-of-archive marker`,
      apply(archive) {
        const index = indexOfPath(archive, target.path);
        if (index === -1) return false;
        archive.items.splice(index, 1);
        archive.trailer.push(writeTar([fileRecord(target.path, target.benign)]));
        return true;
      },
    });
  }
  out.push(
    {
      id: `${base}.trailing-data.garbage-after-end-marker.archive.benign`,
      family: "trailing-data",
      trick: "garbage-after-end-marker",
      target: "archive",
      variant: "benign",
      description: "non-zero bytes after the end-of-archive marker",
      apply: (a) => {
        a.trailer.push(utf8("garbage".repeat(100)));
        return true;
      },
    },
    {
      id: `${base}.trailing-data.no-end-marker.archive.benign`,
      family: "trailing-data",
      trick: "no-end-marker",
      target: "archive",
      variant: "benign",
      description: "no end-of-archive marker at all",
      apply: (a) => {
        a.end = false;
        return true;
      },
    },
    {
      id: `${base}.trailing-data.half-end-marker.archive.benign`,
      family: "trailing-data",
      trick: "half-end-marker",
      target: "archive",
      variant: "benign",
      description: "one zero block instead of two",
      apply: (a) => {
        a.end = false;
        a.trailer.push(END_OF_ARCHIVE.subarray(0, 512));
        return true;
      },
    },
  );
  return out;
}

export function mutationsOf(base: BaseArchive, baseShort: string): MutationSet {
  const material = evilMaterial(base);
  const mutations: Mutation[] = [
    {
      id: `${baseShort}.control.rebuild.archive.none`,
      family: "control",
      trick: "rebuild",
      target: "archive",
      variant: "none",
      description: "the base archive rebuilt with the evil image's entries added, no trick",
      apply: () => true,
    },
  ];
  for (const target of material.targets) {
    for (const trick of TAR_TRICKS) mutations.push(...tarMutations(baseShort, target, trick));
    mutations.push(...jsonMutations(baseShort, target));
  }
  mutations.push(
    ...descriptorMutations(baseShort, { base, material }),
    ...archiveMutations(baseShort, material.targets),
  );
  return { base, material, mutations };
}

export interface BuiltCase {
  id: string;
  steps: Mutation[];
  gzip: boolean;
  bytes: Uint8Array;
}

/** Builds one case from one or more mutations (applied in order; a step whose target is gone is dropped). */
export function buildCase(set: MutationSet, steps: readonly Mutation[], gzip: boolean): BuiltCase | null {
  const archive = archiveOf(set.base.entries, set.material.extras as PlainEntry[]);
  const applied = steps.filter((step) => step.apply(archive));
  if (applied.length === 0) return null;
  const tar = serialize(archive);
  const id = applied.map((s) => s.id).join("+") + (gzip ? "+gzip" : "");
  return { id, steps: applied, gzip, bytes: gzip ? gzipSync(tar) : tar };
}
