// The engine's answer. Verified facts (digests the engine computed) and claims (names the
// archive states about itself) are kept in separate fields: a name is only a claim until
// it is compared with what a publisher signed.
import type { Digest } from "./digest.ts";

/** How the archive lays out its images, told from its contents, never from its file name. */
export type ArchiveFormat =
  /** manifest.json (+ repositories): docker save ≤ 24, podman/skopeo docker-archive, crane legacy/tarball. */
  | "docker-archive"
  /** oci-layout + index.json + blobs/sha256: podman/skopeo oci-archive, buildx type=oci, crane oci. */
  | "oci-layout"
  /** Both at once: docker save ≥ 25, the containerd image store, ctr export. */
  | "oci-layout+docker-manifest"
  /** Readable, but not an image archive: a plain digital asset, identified by archiveDigest. */
  | "file"
  /** Not readable far enough to tell (empty, truncated or corrupt container). */
  | "unknown"
  /** Not an archive: an image reference read from an OCI distribution registry (app/registry). */
  | "registry";

/** Compression of the archive as a whole, told from its magic bytes. */
export type ArchiveCompression = "none" | "gzip" | "zstd" | "xz" | "bzip2";

/** Compression of one layer as stored, told from its magic bytes. */
type LayerCompression = "none" | "gzip" | "zstd" | "xz" | "bzip2";

export type Verdict = "intact" | "tampered" | "unsupported";

export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
  osVersion?: string;
}

/** Names the archive claims for an image. Claims, not facts: anyone can write them. */
export interface ImageClaims {
  /** manifest.json `RepoTags`. */
  repoTags: string[];
  /** index.json `org.opencontainers.image.ref.name` annotations (may be a bare tag like "2.0"). */
  refNames: string[];
  /** index.json `io.containerd.image.name` annotations. */
  containerdNames: string[];
}

/**
 * ok: the uncompressed bytes hash to the declared diffId (and the stored bytes to the declared blob digest).
 * not-pulled: a registry reference inspected without pulling: the manifest digest binds the layer's
 * digest and the config its diffId, but its bytes were not read.
 */
type LayerStatus = "ok" | "mismatch" | "missing" | "unsupported" | "not-pulled";

export interface LayerReport {
  /** Position in the config's rootfs.diff_ids (0-based). */
  index: number;
  /** The diff_id the config declares for this position; null when the config declares fewer layers. */
  diffId: Digest | null;
  /** sha256 of the uncompressed layer as found in the archive; null when missing or unreadable. */
  computed: Digest | null;
  /** sha256 of the layer as stored, present when the layer is stored compressed. */
  blobDigest?: Digest;
  status: LayerStatus;
  /** The archive entry holding the layer; null when the manifest lists fewer layers than the config. */
  path: string | null;
  /** Bytes as stored; null when missing. */
  size: number | null;
  /** Media type from the manifest; null where the format has none (docker-archive). */
  mediaType: string | null;
  /** null when the layer is missing. */
  compression: LayerCompression | null;
}

export interface ImageReport {
  /** sha256 of the config JSON bytes, recomputed; null when the config is missing or unreadable. */
  imageId: Digest | null;
  /** The archive entry holding the config. */
  configPath: string | null;
  /** The config's `created` timestamp, as written. */
  created?: string;
  /** From the (verified) config; falls back to the index's platform claim when the config has none. */
  platform?: Platform;
  /** sha256 of the manifest bytes, recomputed, when the archive holds a manifest (the repo digest when it is the registry's). */
  manifestDigest?: Digest;
  /** sha256 of the image index that lists the manifest (a multi-platform image's digest), recomputed. */
  indexDigest?: Digest;
  /** Every index blob from the outermost to the one listing the manifest (several when indexes nest). */
  indexChain?: Digest[];
  claims: ImageClaims;
  /** Every distinct full reference the archive claims (RepoTags, containerd names, non-bare ref names). */
  names: string[];
  layers: LayerReport[];
}

interface ProblemBase {
  /** One sentence for people; scripts use the other fields. */
  message: string;
  /** The image concerned, when the problem concerns one (null when its config is missing). */
  imageId?: Digest | null;
  /** The layer concerned: 0-based position in the config's rootfs.diff_ids. */
  layerIndex?: number;
}

/** The archive contradicts itself: its bytes do not match its own digests, or something is missing. */
type TamperedProblem =
  | (ProblemBase & { code: "diffid-mismatch"; path: string; expected: Digest; found: Digest })
  | (ProblemBase & { code: "blob-digest-mismatch"; path: string; expected: Digest; found: Digest })
  | (ProblemBase & { code: "config-digest-mismatch"; path: string; expected: Digest; found: Digest })
  | (ProblemBase & { code: "size-mismatch"; path: string; expected: number; found: number })
  | (ProblemBase & { code: "missing-entry"; path: string; referencedBy: string })
  | (ProblemBase & { code: "layer-count-mismatch"; declared: number; found: number })
  | (ProblemBase & { code: "corrupt-layer"; path: string; reason: string })
  | (ProblemBase & { code: "duplicate-entry"; path: string; count: number })
  | (ProblemBase & { code: "unsafe-path"; path: string })
  | (ProblemBase & { code: "invalid-blob-name"; path: string })
  | (ProblemBase & { code: "bad-link"; path: string; target: string; reason: "outside-archive" | "not-a-file" })
  /**
   * Readers of this archive could disagree about what it holds: docker, podman
   * (containers/image) and containerd, all on Go's archive/tar and encoding/json, would not
   * all load what the engine read. Refused rather than read one way silently.
   */
  | (ProblemBase & { code: "ambiguous-archive"; construct: AmbiguousConstruct; path: string | null; offset?: number });

/** What made an archive ambiguous. */
export type AmbiguousConstruct =
  /** A tar header, pax or GNU record that tar readers interpret differently. */
  | "tar-header"
  /** A GNU sparse entry (old GNU, pax 0.0 / 0.1 / 1.0): its logical bytes differ from its stored bytes. */
  | "sparse-entry"
  /** An entry whose typeflag, mode bits and name form disagree, or a type only some loaders read as a file. */
  | "entry-type"
  /** A name that is not UTF-8: Go compares raw bytes, the engine cannot. */
  | "entry-name"
  /** Two entries that land on one path (./x and x, a//b, a trailing slash, letter case). */
  | "path-alias"
  /** An entry placed below a symlink, hard link or file: extraction follows it, path lookups do not. */
  | "path-through-link"
  /** A reference reached through a link the loaders resolve differently (hard links, chains, absolute targets). */
  | "link"
  /** Data after the end-of-archive marker. */
  | "trailing-data"
  /** JSON that Go's encoding/json reads differently (case-folded or duplicate keys, BOM, lone surrogates, numbers). */
  | "json"
  /** A document that reads as both a manifest and an index, or whose media type contradicts its descriptor. */
  | "document-kind"
  /** Folders docker 20.10 loads as pre-1.10 (v1) images when there is no manifest.json, beside a layout the others read. */
  | "legacy-layout";

/** The engine cannot give a trustworthy answer: unreadable input or something it does not support. */
type UnsupportedProblem =
  | (ProblemBase & { code: "unsupported-compression"; path: string | null; compression: string })
  | (ProblemBase & { code: "entry-too-large"; path: string; size: number; limit: number })
  | (ProblemBase & { code: "invalid-metadata"; path: string; reason: string })
  | (ProblemBase & { code: "unsupported-media-type"; path: string; mediaType: string })
  | (ProblemBase & { code: "unsupported-digest"; path: string; digest: string })
  | (ProblemBase & { code: "foreign-layer"; path: string; urls: string[] })
  | (ProblemBase & { code: "unreadable-archive"; reason: string; offset?: number })
  | (ProblemBase & { code: "no-images"; reason: string })
  | (ProblemBase & { code: "empty-input" });

export type Problem = TamperedProblem | UnsupportedProblem;
export type ProblemCode = Problem["code"];

/** Observations that do not change the verdict (e.g. platforms an index names but the archive omits). */
export interface Note {
  code:
    | "absent-platform"
    | "skipped-artifact"
    | "archive-not-inspected"
    | "manifest-layer-order"
    | "layout-in-folder"
    /**
     * An index lists an image under another platform than its config states (`podman manifest
     * add --arch …` writes this). Every loader reads the same bytes; only which image a
     * platform-picking loader chooses follows the claim, so it is shown, not called tampering.
     */
    | "platform-claim-differs";
  message: string;
  /** The image the note is about, when it is about one: shown with that image. */
  imageId?: Digest | null;
}

export interface ArchiveReport {
  format: ArchiveFormat;
  compression: ArchiveCompression;
  /** Bytes of the input as given (compressed size for a .tar.gz). */
  size: number;
  /** sha256 of the input's bytes: set when asked for, and always for format "file". Never an image identity. */
  archiveDigest?: Digest;
  verdict: Verdict;
  problems: Problem[];
  notes: Note[];
  images: ImageReport[];
  /** Format "registry" only: which reference was read and what it resolved to. */
  source?: RegistrySource;
}

/** Where a registry report's images come from. */
interface RegistrySource {
  /** The reference as normalized: "docker.io/library/nginx:latest", "ghcr.io/a/b@sha256:…". */
  reference: string;
  /** domain/path: the unit claims and trust scopes talk about. */
  repository: string;
  /** The digest of the manifest or index the reference resolved to (the registry's Docker-Content-Digest, checked). */
  digest: Digest;
}

/** Progress of the hashing, throttled to a few events a second. */
export interface InspectProgress {
  bytesDone: number;
  bytesTotal: number;
  /** Average since hashing started, in 10^6 bytes per second. */
  mbPerSecond: number;
  /** null until a rate is known. */
  etaSeconds: number | null;
}
