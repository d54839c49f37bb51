import type { UseQueryResult } from "@tanstack/react-query";
import type { NameClaims } from "../../chain/actions/findNameClaims.ts";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import { gapWords, listWords } from "../../verdict/describe.ts";
import type { ScanProgress } from "./nameClaimsQuery.ts";

/** How much of the registry's record was read: progress while scanning, then the range and every gap. */
export function NameScanStatus({
  claims,
  progress,
  chainName,
}: {
  claims: UseQueryResult<NameClaims>;
  progress: ScanProgress | null;
  chainName: string;
}) {
  if (claims.isPending) {
    const span = progress === null ? 0n : progress.toBlock - progress.fromBlock + 1n;
    const done = progress === null ? 0n : progress.scannedThrough - progress.fromBlock + 1n;
    return (
      <div className="card" role="status" aria-label="Scanning the registry">
        <p>
          Reading every release of this name on {chainName}
          {progress === null ? "…" : `: block ${progress.scannedThrough} of ${progress.toBlock}…`}
        </p>
        <progress max={1} value={span > 0n ? Number((done * 1000n) / span) / 1000 : undefined} />
      </div>
    );
  }
  if (claims.isError) {
    return (
      <p role="alert" className="card error">
        Could not read the registry: <UntrustedText text={claims.error.message} what="message" />
      </p>
    );
  }
  const { fromBlock, toBlock, complete, gaps } = claims.data;
  return complete ? (
    <p className="muted" data-testid="name-scan-range">
      Read every block from {fromBlock.toString()} to {toBlock.toString()} on {chainName}.
    </p>
  ) : (
    <p role="alert" className="card error" data-testid="name-scan-gaps">
      Incomplete: {listWords(gaps.map(gapWords))} could not be read, so publishers of this name there are missing from
      this list. The rest, blocks {fromBlock.toString()} to {toBlock.toString()}, was read.
    </p>
  );
}
