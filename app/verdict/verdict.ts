// What a verification answers, for a page's cards and the CLI alike: a word per target and
// overall, a one-line summary, and the evidence behind it (each item with its own sentence,
// so a UI can render the list without knowing every kind, and the data to show more).
import type { Address } from "viem";
import type { NameClaims } from "../chain/actions/findNameClaims.ts";
import type { Delegation } from "../chain/actions/getDelegation.ts";
import type { DigestKind, Release, Revocation } from "../chain/release.ts";
import type { ScanGap } from "../chain/scanRanges.ts";
import type { ClaimCheck, ProvenClaim } from "../claims/claimCheck.ts";
import type { Digest } from "../image/digest.ts";
import type { ArchiveReport, Note, Problem } from "../image/report.ts";
import type { VerdictTarget } from "./targets.ts";
import type { Trust, TrustBasis } from "./trust.ts";

export type VerdictWord = "VERIFIED" | "UNTRUSTED" | "REVOKED" | "UNKNOWN" | "TAMPERED";

/** Worst first: the overall word of several targets is the first of theirs in this order. */
export const SEVERITY: readonly VerdictWord[] = ["TAMPERED", "REVOKED", "UNTRUSTED", "UNKNOWN", "VERIFIED"];

/** How an item reads: good (supports a pass), bad (a failure), warn (look twice), info. */
export type Tone = "good" | "bad" | "warn" | "info";

type Item<K extends string, T> = { kind: K; tone: Tone; message: string } & T;

export type Evidence =
  /** The trusted, valid release that makes the target VERIFIED. */
  | Item<
      "verified-by",
      {
        release: Release;
        matched: DigestKind[];
        trustedAs: Exclude<
          TrustBasis,
          null
        > /** With trustedAs "controller": the claim proven now that makes the publisher trusted for the name. */;
        claim?: ProvenClaim;
      }
    >
  /** Another trusted, valid release naming the same digests. */
  | Item<"also-verified-by", { release: Release; matched: DigestKind[] }>
  /** A trusted publisher's release naming these digests, revoked. */
  | Item<"revoked", { release: Release; matched: DigestKind[]; revocation: Revocation | null }>
  /**
   * A trusted publisher's release published through a delegate key whose delegation no longer
   * covers it (revoked, expired, or granted anew after the release): not valid, though not revoked.
   */
  | Item<
      "delegation-void",
      { release: Release; matched: DigestKind[]; delegation: Delegation | null; lapse: DelegationLapse }
    >
  /** A trusted publisher released these digests, but under another name than the one asked for (or pinned). */
  | Item<"other-name", { release: Release; matched: DigestKind[] }>
  /** A release by a publisher the user does not trust. */
  | Item<"untrusted-release", { release: Release; matched: DigestKind[] }>
  /** A release naming one of these digests in another role (e.g. this imageId as its manifestDigest). */
  | Item<"other-role", { release: Release }>
  /** A trusted publisher's newest valid release of the name is another image (an old tag, or not what was released under it). */
  | Item<"current-release", { release: Release; name: string }>
  /** A release naming these digests, shown without judgement because the contents did not check out. */
  | Item<"unvouched-release", { release: Release; matched: DigestKind[]; trusted: boolean }>
  /** Several publishers have published this name. */
  | Item<
      "name-conflict",
      { name: string; publishers: { publisher: Address; trusted: boolean; releaseIds: bigint[] }[] }
    >
  /** Block ranges the name scan could not read: conflicts there are unknown. */
  | Item<"scan-incomplete", { gaps: ScanGap[] }>
  /**
   * What a publisher of these releases proves about itself, checked during this verification:
   * control of repositories or hosts (proven), or claims that no longer check out (never trust).
   */
  | Item<"publisher-claims", { publisher: Address; checks: ClaimCheck[] }>
  /** The engine found the archive altered (TAMPERED) … */
  | Item<"tampering", { problem: Problem }>
  /** … or could not check it (UNKNOWN: cannot vouch). */
  | Item<"cannot-vouch", { problem: Problem }>
  /** No release names any digest of the target. */
  | Item<"no-release", { digests: string[] }>
  /**
   * Releases by other publishers that name the target's digests and were not read (anyone can
   * add to them, so a verification only counts them): load them with loadOtherReleases.
   */
  | Item<"other-releases", { counts: OtherReleaseCount[] }>;

/** Why a delegated release is void: what its publisher did to the delegate key's grant. */
export type DelegationLapse = "revoked" | "expired" | "granted-again" | "unknown";

/** For one digest: how many releases name it, and how many of those this verification did not read. */
export interface OtherReleaseCount {
  digest: Digest;
  kind: DigestKind;
  /** Releases by anyone naming the digest (in any role). */
  total: number;
  /** Of those, not read (by publishers you do not trust). */
  unread: number;
}

export interface TargetVerdict {
  target: VerdictTarget;
  /** "image 1 of 2 (linux/amd64)", "the file", "the archive". */
  label: string;
  word: VerdictWord;
  /** Only with UNKNOWN: nothing names the digests, or the engine cannot vouch for the contents. */
  unknownReason: "no-release" | "cannot-vouch" | null;
  /** One line for people. */
  summary: string;
  /** The digest kinds by which the deciding release(s) named this target; empty when none. */
  matched: DigestKind[];
  /** The release behind VERIFIED (or the newest revoked one behind REVOKED); null otherwise. */
  release: Release | null;
  /** Decisive items first. */
  evidence: Evidence[];
}

export interface VerificationResult {
  /** VERIFIED only when every target is; otherwise the worst target word (see SEVERITY). */
  word: VerdictWord;
  summary: string;
  targets: TargetVerdict[];
  /** The name asked for, normalized when it is an image reference; null when none was asked. */
  requestedName: string | null;
  trust: Trust;
  chainId: number;
  registry: Address;
  /** The chain head the evidence was read at. */
  blockNumber: bigint;
  format: ArchiveReport["format"];
  /** The engine's observations that do not change a verdict. */
  notes: Note[];
  /** How many releases by anyone name each digest of the archive (most were not read). */
  digestTotals: DigestTotal[];
}

export interface DigestTotal {
  digest: Digest;
  total: number;
}

/** What gatherEvidence read from the chain; decideVerdict needs nothing else. */
export interface ChainEvidence {
  chainId: number;
  registry: Address;
  blockNumber: bigint;
  /**
   * The releases read, once each (revoked and void ones included): every release of every
   * trusted publisher naming a digest of the archive; and, for a target no trusted publisher's
   * release matches, the newest page of each of its digests' releases by anyone.
   */
  releases: Release[];
  /** How many releases by anyone name each digest (the contract's count; most were not read). */
  digestTotals: DigestTotal[];
  /** The grants behind trusted delegated releases that are not valid (to say why); absent ones are not known. */
  delegations: Delegation[];
  /** Newest valid release per (publisher, exact name) looked up; release null when there is none. */
  latest: { publisher: Address; name: string; release: Release | null }[];
  /** Why trusted releases were revoked; a revoked release missing here shows without its reason. */
  revocations: Revocation[];
  /** Every publisher of the relevant names; null when the scan was not asked for. */
  nameClaims: NameClaims | null;
  /**
   * The publishers' control claims checked during this verification (their documents read from
   * the registries and domains just now): the deciding publishers', and those of publishers
   * whose releases' names fall under a scope the user trusts. Empty when no checker was given.
   */
  claims: ClaimCheck[];
}
