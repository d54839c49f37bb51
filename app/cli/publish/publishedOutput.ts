// What publish and submit print once the transaction is mined: the release ids, the
// transaction and its block, for people (ids readable, "1-0") or (`--json`) as one JSON
// document with bigints, ids included, as decimal strings.
import type { Address, Chain } from "viem";
import type { PublishResult } from "../../chain/actions/publishRelease.ts";
import { transactionUrl } from "../../chain/explorer.ts";
import { formatReleaseId } from "../../chain/releaseId.ts";
import type { WriteOutcome } from "../../chain/runWrite.ts";

export function publishedLines(outcome: WriteOutcome<PublishResult>, chain: Chain): string[] {
  const { releases, transactionHash, receipt } = outcome;
  const lines = [
    `Published ${releases.length === 1 ? "1 release" : `${releases.length} releases`} in block ${receipt.blockNumber}, transaction ${transactionHash}.`,
  ];
  for (const release of releases)
    lines.push(
      `  release ${formatReleaseId(release.id)}  ${release.name}  (publisher ${release.publisher}${release.signer === null ? "" : `, signed by delegate key ${release.signer}`})`,
    );
  const link = transactionUrl(chain, transactionHash);
  if (link !== null) lines.push(`  ${link}`);
  return lines;
}

export function publishedJson(command: string, outcome: WriteOutcome<PublishResult>, chain: Chain, registry: Address) {
  const { releases, transactionHash, receipt } = outcome;
  return {
    command,
    status: "published",
    chainId: chain.id,
    registry,
    transactionHash,
    blockNumber: receipt.blockNumber.toString(),
    gasUsed: receipt.gasUsed.toString(),
    releases: releases.map((release) => ({
      id: release.id.toString(),
      name: release.name,
      publisher: release.publisher,
      signer: release.signer,
      imageId: release.imageId,
      manifestDigest: release.manifestDigest,
      indexDigest: release.indexDigest,
      archiveDigest: release.archiveDigest,
    })),
  };
}
