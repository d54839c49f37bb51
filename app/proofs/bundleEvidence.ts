// What decideVerdict needs (ChainEvidence), read from a checked proof bundle instead of an RPC:
// the covered publishers' releases naming the archive's digests, each digest's count, the grants
// behind delegated releases, and the current release of each name the bundle includes. A
// release's name and digests count only when storage binds them to it; a valid release whose
// bundled contents storage does not bind means the bundle was forged, and is refused.
import { type Address, isAddressEqual } from "viem";
import type { Delegation } from "../chain/actions/getDelegation.ts";
import { digestToBytes32 } from "../chain/digests.ts";
import type { Release, Revocation } from "../chain/release.ts";
import { formatReleaseId } from "../chain/releaseId.ts";
import type { Digest } from "../image/digest.ts";
import { nameSpellings } from "../verdict/normalizeImageName.ts";
import type { ChainEvidence } from "../verdict/verdict.ts";
import { BundleError } from "./bundleError.ts";
import { claimDigests } from "./makeProofBundle.ts";
import type { BundledRelease } from "./proofBundle.ts";
import type { ProvedRegistry } from "./readProofBundle.ts";
import type { StoredRelease } from "./registryState.ts";

interface BundleEvidence {
  evidence: ChainEvidence;
  /** Trusted publishers the bundle says nothing about: their releases are unknown offline. */
  uncoveredPublishers: Address[];
  /** Digests of the archive the bundle does not cover. */
  uncoveredDigests: Digest[];
}

/**
 * Whether proved storage binds the release to the bundled contents. An honest bundle proves every
 * word its release's true claim reads; a word left unproved can only belong to a changed claim.
 */
async function bindsProved(proved: ProvedRegistry, stored: StoredRelease, content: BundledRelease): Promise<boolean> {
  try {
    return await proved.state.bindsClaim(stored.publisher, stored.id, content.name, claimDigests(content));
  } catch (error) {
    if (error instanceof BundleError && error.problem === "incomplete") return false;
    throw error;
  }
}

export async function evidenceFromBundle(
  proved: ProvedRegistry,
  archiveDigests: readonly Digest[],
  trusted: readonly Address[],
  requestedName: string | null,
): Promise<BundleEvidence> {
  const { bundle, state, timestamp } = proved;
  const digests = archiveDigests.filter((d) => bundle.digests.includes(d));
  if (digests.length === 0) {
    throw new BundleError(
      "not-covered",
      `This bundle was made for other digests (${bundle.digests.join(", ")}): it says nothing about this archive (${archiveDigests.join(", ")}).`,
    );
  }
  const publishers = trusted.filter((p) => bundle.publishers.some((b) => isAddressEqual(b, p)));
  const uncoveredPublishers = trusted.filter((p) => !publishers.includes(p));

  const toRelease = async (stored: StoredRelease): Promise<Release | null> => {
    const { valid } = await state.isValid(stored, timestamp);
    const content = bundle.releases.find((r) => r.id === stored.id && isAddressEqual(r.publisher, stored.publisher));
    const bound = content !== undefined && (await bindsProved(proved, stored, content));
    if (content === undefined || !bound) {
      if (!valid) return null; // an old revoked or void release: shown only when its contents are proved
      throw new BundleError(
        content === undefined ? "incomplete" : "forged-release",
        content === undefined
          ? `The bundle lacks the name and digests of release ${formatReleaseId(stored.id)} by ${stored.publisher}.`
          : `The name and digests the bundle gives for release ${formatReleaseId(stored.id)} by ${stored.publisher} are not the ones the registry recorded: the bundle was altered.`,
      );
    }
    return {
      ...content,
      chainId: bundle.chainId,
      signer: stored.signer,
      publishedAt: stored.publishedAt,
      revokedAt: stored.revokedAt,
      valid,
      blockNumber: stored.blockNumber,
    };
  };

  const releases = new Map<bigint, Release>();
  for (const publisher of publishers) {
    for (const digest of digests) {
      for (const id of await state.releaseIdsOf(publisher, digestToBytes32(digest))) {
        if (releases.has(id)) continue;
        const stored = await state.release(id);
        const release = stored === null ? null : await toRelease(stored);
        if (release !== null) releases.set(id, release);
      }
    }
  }

  const digestTotals = [];
  for (const digest of digests) digestTotals.push({ digest, total: await state.digestTotal(digestToBytes32(digest)) });

  const delegations: Delegation[] = [];
  for (const release of releases.values()) {
    if (release.valid || release.revokedAt !== null || release.signer === null) continue;
    const grant = await state.delegation(release.publisher, release.signer);
    if (grant !== null) {
      delegations.push({
        publisher: release.publisher,
        delegate: release.signer,
        namePrefix: grant.namePrefix,
        since: grant.since,
        expiresAt: grant.expiresAt,
        revokedAt: grant.revokedAt,
        active: grant.revokedAt === null && timestamp <= grant.expiresAt,
      });
    }
  }

  // The current release of each name involved, where the bundle carries that name's history.
  const names = new Set<string>([
    ...(requestedName === null ? [] : nameSpellings(requestedName)),
    ...[...releases.values()].flatMap((r) => nameSpellings(r.name)),
  ]);
  const latest: ChainEvidence["latest"] = [];
  for (const name of [...names].filter((n) => bundle.names.includes(n))) {
    for (const publisher of publishers) {
      let current: Release | null = null;
      for (const id of await state.nameReleaseIds(publisher, name)) {
        const stored = await state.release(id);
        const release = stored === null ? null : (releases.get(id) ?? (await toRelease(stored)));
        if (release?.valid) {
          current = release;
          break;
        }
      }
      latest.push({ publisher, name, release: current });
    }
  }

  const revocations: Revocation[] = bundle.revocations.flatMap((r) => {
    const release = releases.get(r.releaseId);
    return release?.revokedAt == null
      ? []
      : [
          {
            releaseId: r.releaseId,
            reason: r.reason,
            revokedAt: release.revokedAt,
            blockNumber: r.blockNumber,
            transactionHash: r.transactionHash,
          },
        ];
  });

  return {
    evidence: {
      chainId: bundle.chainId,
      registry: bundle.registry,
      blockNumber: proved.blockNumber,
      releases: [...releases.values()],
      digestTotals,
      delegations,
      latest,
      revocations,
      nameClaims: null,
      claims: [],
    },
    uncoveredPublishers,
    uncoveredDigests: archiveDigests.filter((d) => !digests.includes(d)),
  };
}
