// `imageseal verify <file> --bundle proof.json --trusted-block <hash>`: the verdict with nothing
// but the files. The archive's identities come from the engine as online; the registry's answer
// comes from the bundle, checked against the one block hash the user trusts (its header, the
// registry's account, every storage word). The verdict is the same module's, and it says plainly
// that it holds as of that block: a revocation after it cannot be known offline.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { type Address, type Hex, isHex } from "viem";
import { SignedReleaseInvalidError } from "../../chain/errors.ts";
import { formatUnixTime } from "../../chain/formatTime.ts";
import { parseSignedRelease } from "../../chain/signedRelease.ts";
import type { ArchiveReport } from "../../image/report.ts";
import { BundleError } from "../../proofs/bundleError.ts";
import { evidenceFromBundle } from "../../proofs/bundleEvidence.ts";
import { parseProofBundle } from "../../proofs/proofBundle.ts";
import { readProofBundle } from "../../proofs/readProofBundle.ts";
import { evidenceFromSignedRelease } from "../../proofs/signedReleaseEvidence.ts";
import { decideVerdict } from "../../verdict/decideVerdict.ts";
import { digestsOf, targetsOf } from "../../verdict/targets.ts";
import { type Trust, trustedPublishers } from "../../verdict/trust.ts";
import type { VerificationResult } from "../../verdict/verdict.ts";
import { verificationJson } from "../../verdict/verificationJson.ts";
import { terminalJson, terminalLines } from "../terminalText.ts";
import { resolveOfflineChain } from "./offlineAnchor.ts";
import { renderVerification } from "./renderVerification.ts";

interface OfflineVerifyInput {
  file: string;
  report: ArchiveReport;
  bundlePath: string;
  trustedBlock: string;
  chainArg: string;
  registryArg: string | undefined;
  projectRoot: string;
  trust: Trust;
  requestedName: string | null;
  json: boolean;
}

interface OfflineVerifyOutput {
  result: VerificationResult;
  text: string;
}

function parseTrustedBlock(text: string): Hex {
  if (!isHex(text, { strict: true }) || text.length !== 66)
    throw new BundleError("untrusted-block", `--trusted-block must be a block hash (0x and 64 hex digits): "${text}"`);
  return text;
}

export async function runOfflineVerify(input: OfflineVerifyInput): Promise<OfflineVerifyOutput> {
  const blockHash = parseTrustedBlock(input.trustedBlock);
  const { chain, registry } = await resolveOfflineChain(input.chainArg, input.registryArg, input.projectRoot);
  let text: string;
  try {
    text = await readFile(input.bundlePath, "utf8");
  } catch (error) {
    throw new BundleError("malformed", `Cannot read the bundle ${input.bundlePath}: ${(error as Error).message}`);
  }
  const proved = readProofBundle(parseProofBundle(text), { blockHash, chainId: chain.id, registry });
  const digests = [...new Set(targetsOf(input.report).flatMap(digestsOf))];
  const { evidence, uncoveredPublishers } = await evidenceFromBundle(
    proved,
    digests,
    trustedPublishers(input.trust),
    input.requestedName,
  );
  const result = decideVerdict({
    report: input.report,
    evidence,
    trust: input.trust,
    requestedName: input.requestedName,
  });
  const asOf = `as of block ${proved.blockNumber} (${formatUnixTime(proved.timestamp)})`;
  const offline = {
    bundle: input.bundlePath,
    trustedBlock: blockHash,
    blockNumber: proved.blockNumber.toString(),
    blockTime: formatUnixTime(proved.timestamp),
    uncoveredPublishers,
    note: `Checked offline from a proof bundle, ${asOf}: revocations after that block cannot be known here.`,
  };
  if (input.json) return { result, text: terminalJson({ ...verificationJson(result, null), offline }) };
  const lines = [
    `offline    proof bundle ${basename(input.bundlePath)}, checked against trusted block ${blockHash}`,
    `           ${result.word === "VERIFIED" ? "not revoked" : "the registry's state"} ${asOf}; revocations after that block cannot be known offline`,
    ...uncoveredPublishers.map(
      (p: Address) => `           the bundle does not cover publisher ${p}: its releases are unknown here`,
    ),
    `           name conflicts (other publishers of the names) are not checked offline`,
  ];
  return {
    result,
    text: `${renderVerification(result, basename(input.file), { id: chain.id, name: chain.name }, null)}${terminalLines(lines)}`,
  };
}

interface SignedReleaseVerifyInput {
  file: string;
  report: ArchiveReport;
  signedReleasePath: string;
  chainArg: string;
  registryArg: string | undefined;
  projectRoot: string;
  trust: Trust;
  requestedName: string | null;
  json: boolean;
  /** Unix seconds: the host's clock, for the signature's deadline. */
  now: number;
}

/** `--signed-release`: a release that never went on chain, checked by its signature alone. */
export async function runSignedReleaseVerify(input: SignedReleaseVerifyInput): Promise<OfflineVerifyOutput> {
  const { chain, registry } = await resolveOfflineChain(input.chainArg, input.registryArg, input.projectRoot);
  let signed: ReturnType<typeof parseSignedRelease>;
  try {
    signed = parseSignedRelease(await readFile(input.signedReleasePath, "utf8"));
  } catch (error) {
    if (error instanceof SignedReleaseInvalidError) throw new BundleError("malformed", error.message);
    throw new BundleError(
      "malformed",
      `Cannot read the signed release ${input.signedReleasePath}: ${(error as Error).message}`,
    );
  }
  const evidence = await evidenceFromSignedRelease(signed, { chainId: chain.id, registry, now: input.now });
  const result = decideVerdict({
    report: input.report,
    evidence,
    trust: input.trust,
    requestedName: input.requestedName,
  });
  const note = `Checked by the signed release's EIP-712 signature alone: ${signed.publisher}'s key signed it for registry ${registry} on chain ${chain.id}, but it was never recorded on chain here, so whether the publisher revoked it or cancelled the signature cannot be known.`;
  if (input.json)
    return {
      result,
      text: terminalJson({
        ...verificationJson(result, null),
        signedRelease: {
          file: input.signedReleasePath,
          publisher: signed.publisher,
          nonce: signed.nonce.toString(),
          deadline: signed.deadline.toString(),
          note,
        },
      }),
    };
  const lines = [
    `signed     ${basename(input.signedReleasePath)}: a release signed by ${signed.publisher}, never recorded on chain`,
    `           ${note}`,
  ];
  return {
    result,
    text: `${renderVerification(result, basename(input.file), { id: chain.id, name: chain.name }, null)}${terminalLines(lines)}`,
  };
}
