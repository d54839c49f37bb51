// Test-only builders for engine reports, releases and chain evidence, with real-looking
// digests (sha256 of a label) and fixed addresses, so verdict tests state exact values.
import { createHash } from "node:crypto";
import type { Address, Hash } from "viem";
import type { NameClaims } from "../../chain/actions/findNameClaims.ts";
import type { Delegation } from "../../chain/actions/getDelegation.ts";
import type { Release, Revocation } from "../../chain/release.ts";
import type { Digest } from "../../image/digest.ts";
import type { ArchiveReport, ImageReport, Problem } from "../../image/report.ts";
import type { Trust } from "../trust.ts";
import type { ChainEvidence } from "../verdict.ts";

/** Trusting nobody: every release reads UNTRUSTED at best. */
export const NO_TRUST: Trust = { publishers: [], pins: [] };

export const ALICE: Address = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
export const BOB: Address = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC";
export const MALLORY: Address = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";
/** A delegate key (e.g. a CI key) that publishes on a publisher's behalf. */
export const CI_KEY: Address = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const REGISTRY: Address = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

export function digest(label: string): Digest {
  return `sha256:${createHash("sha256").update(label).digest("hex")}`;
}

export function image(label: string, extra: Partial<ImageReport> = {}): ImageReport {
  return {
    imageId: digest(`${label} config`),
    configPath: `blobs/sha256/${label}`,
    claims: { repoTags: [], refNames: [], containerdNames: [] },
    names: [],
    layers: [],
    ...extra,
  };
}

export function archive(
  images: ImageReport[],
  problems: Problem[] = [],
  extra: Partial<ArchiveReport> = {},
): ArchiveReport {
  const tampered = problems.some((p) =>
    ["diffid-mismatch", "duplicate-entry", "blob-digest-mismatch"].includes(p.code),
  );
  return {
    format: "docker-archive",
    compression: "none",
    size: 1000,
    verdict: problems.length === 0 ? "intact" : tampered ? "tampered" : "unsupported",
    problems,
    notes: [],
    images,
    ...extra,
  };
}

export function plainFile(label: string): ArchiveReport {
  return {
    format: "file",
    compression: "none",
    size: 3,
    archiveDigest: digest(label),
    verdict: "intact",
    problems: [],
    notes: [],
    images: [],
  };
}

// Ids as the registry gives them: publisher 1's releases 0, 1, … ("1-0", "1-1", …).
let nextId = 1n << 32n;
export function release(fields: Partial<Release> & Pick<Release, "publisher" | "name">): Release {
  const id = fields.id ?? nextId++;
  return {
    chainId: 31337,
    id,
    imageId: null,
    manifestDigest: null,
    indexDigest: null,
    archiveDigest: null,
    publishedAt: 1_795_000_000 + Number(id),
    signer: null,
    revokedAt: null,
    // The contract's word: not revoked (a delegated release may be void without being revoked; say so with valid: false).
    valid: fields.revokedAt === undefined || fields.revokedAt === null,
    blockNumber: 100n + id,
    transactionHash: `0x${id.toString(16).padStart(64, "0")}` as Hash,
    ...fields,
  };
}

export function revocation(of: Release, reason: string): Revocation {
  return {
    releaseId: of.id,
    reason,
    revokedAt: of.revokedAt as number,
    blockNumber: of.blockNumber + 5n,
    transactionHash: `0x${"ee".repeat(32)}`,
  };
}

export function evidence(fields: Partial<ChainEvidence> = {}): ChainEvidence {
  return {
    chainId: 31337,
    registry: REGISTRY,
    blockNumber: 1000n,
    releases: [],
    digestTotals: [],
    latest: [],
    revocations: [],
    delegations: [],
    nameClaims: null,
    claims: [],
    ...fields,
  };
}

export function claims(
  entries: { name: string; publisher: Address; ids: bigint[] }[],
  gaps: NameClaims["gaps"] = [],
): NameClaims {
  return {
    names: [...new Set(entries.map((e) => e.name))],
    claims: entries.map((e) => ({
      name: e.name,
      publisher: e.publisher,
      releaseIds: e.ids,
      firstBlock: 1n,
      lastBlock: 2n,
    })),
    fromBlock: 0n,
    toBlock: 1000n,
    complete: gaps.length === 0,
    gaps,
  };
}

/** A grant as the contract reports it now; by default in force since block 1 and expiring far ahead. */
export function delegation(fields: Partial<Delegation> & Pick<Delegation, "publisher" | "delegate">): Delegation {
  return { namePrefix: "", since: 1n, expiresAt: 1_900_000_000, revokedAt: null, active: true, ...fields };
}
