// The verdict from an archive's report and a proof bundle, with no network at all: the bundle
// is checked against the block hash the user trusts and the registry the page is configured
// for (its chain id and address come from app/config, never from asking the chain), then the
// same decideVerdict as online decides. What the bundle cannot say is returned for the page
// to show: the block it holds as of, and the trusted publishers and digests it does not cover.
import { type Address, type Hex, isHex } from "viem";
import type { RegistryChain } from "../../config/chains.ts";
import type { Digest } from "../../image/digest.ts";
import type { ArchiveReport } from "../../image/report.ts";
import { evidenceFromBundle } from "../../proofs/bundleEvidence.ts";
import type { ProofBundle } from "../../proofs/proofBundle.ts";
import { readProofBundle } from "../../proofs/readProofBundle.ts";
import { decideVerdict } from "../../verdict/decideVerdict.ts";
import { digestsOf, targetsOf } from "../../verdict/targets.ts";
import { type Trust, trustedPublishers } from "../../verdict/trust.ts";
import type { VerificationResult } from "../../verdict/verdict.ts";

interface OfflineVerifyInput {
  report: ArchiveReport;
  bundle: ProofBundle;
  trustedBlockHash: Hex;
  registryChain: Pick<RegistryChain, "registry"> & { chain: { id: number } };
  trust: Trust;
  requestedName: string | null;
}

export interface OfflineVerification {
  result: VerificationResult;
  blockNumber: bigint;
  /** Unix seconds of the proved block. */
  timestamp: number;
  uncoveredPublishers: Address[];
  uncoveredDigests: Digest[];
}

/** A block hash as typed or pasted (surrounding spaces allowed), or null when it is not 0x and 64 hex digits. */
export function parseBlockHash(text: string): Hex | null {
  const trimmed = text.trim();
  return /^0x[0-9a-fA-F]{64}$/.test(trimmed) ? (trimmed.toLowerCase() as Hex) : null;
}

/** Throws BundleError (in words) when the bundle is for another chain or registry, does not hash to the trusted block, was altered, or does not cover the archive. */
export async function verifyOffline(input: OfflineVerifyInput): Promise<OfflineVerification> {
  const { report, bundle, trustedBlockHash, registryChain, trust, requestedName } = input;
  if (!isHex(trustedBlockHash, { strict: true }))
    throw new TypeError("verifyOffline: the trusted block hash is not hex");
  const proved = readProofBundle(bundle, {
    blockHash: trustedBlockHash,
    chainId: registryChain.chain.id,
    registry: registryChain.registry,
  });
  const digests = [...new Set(targetsOf(report).flatMap(digestsOf))];
  const { evidence, uncoveredPublishers, uncoveredDigests } = await evidenceFromBundle(
    proved,
    digests,
    trustedPublishers(trust),
    requestedName,
  );
  const result = decideVerdict({ report, evidence, trust, requestedName });
  return {
    result,
    blockNumber: proved.blockNumber,
    timestamp: proved.timestamp,
    uncoveredPublishers,
    uncoveredDigests,
  };
}
