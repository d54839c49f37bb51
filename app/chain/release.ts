// What the app shows for releases. The contract stores only who, when, in which block and
// whether revoked; the name and the digests come from the release's `Published` log
// (see hydrateReleases.ts). Digests are engine-style `sha256:<hex>` strings, null when the
// release does not name that kind.
import type { Address, Hash } from "viem";
import type { Digest } from "../image/digest.ts";

/** The four digests a release may name, as the contract calls them. */
export const DIGEST_KINDS = ["imageId", "manifestDigest", "indexDigest", "archiveDigest"] as const;
export type DigestKind = (typeof DIGEST_KINDS)[number];

type ReleaseDigests = Record<DigestKind, Digest | null>;

/** What a publisher asks to record: a name and at least one digest. */
export interface ReleaseInput extends ReleaseDigests {
  /** 1..255 bytes, no control characters (the contract's rule; see checkReleaseInput). */
  name: string;
}

/** One release as the app shows it. */
export interface Release extends ReleaseDigests {
  chainId: number;
  /** Opaque and unique; never reused. */
  id: bigint;
  /** Who the release is by: an EOA or a contract account (a multisig wallet). */
  publisher: Address;
  /** The delegate key that published it on the publisher's behalf; null when the publisher did. */
  signer: Address | null;
  name: string;
  /** Unix seconds of the block that recorded it. */
  publishedAt: number;
  /** Unix seconds of the block that revoked it; null when not revoked. */
  revokedAt: number | null;
  /**
   * The contract's word, as of the block read: not revoked and, for a delegated release, its
   * delegation still in force (not revoked, not expired, granted no later than the release).
   */
  valid: boolean;
  blockNumber: bigint;
  /** The transaction that published it (from its `Published` log). */
  transactionHash: Hash;
  /**
   * Set only for a release known from a signed-release file alone, never recorded on chain
   * (offline verification): the nonce and deadline it was signed for. Its id, block and
   * transaction are then zero, and whether it was revoked cannot be known.
   */
  unrecorded?: { nonce: bigint; deadline: bigint };
}

/** The contract's `Release` struct as a lookup returns it. */
export interface ReleaseRecord {
  id: bigint;
  publisher: Address;
  /** The zero address when the publisher published it itself. */
  signer: Address;
  publishedAt: bigint;
  revokedAt: bigint;
  blockNumber: bigint;
  valid: boolean;
}

/** One page of a list lookup, newest first. `total` is the list's length when it was read. */
export interface ReleasePage {
  releases: Release[];
  total: number;
  offset: number;
  limit: number;
}

/** Where a list lookup starts and how many it returns. */
export interface PageRequest {
  /** Entries to skip from the newest (default 0). */
  offset?: number;
  /** At most this many (default 20, at most 100). */
  limit?: number;
}

/** Why and when a publisher revoked a release (the reason lives in the `Revoked` log only). */
export interface Revocation {
  releaseId: bigint;
  reason: string;
  revokedAt: number;
  blockNumber: bigint;
  transactionHash: Hash;
}
