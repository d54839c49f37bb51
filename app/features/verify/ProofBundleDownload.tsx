import { hexToBigInt } from "viem";
import { formatUnixTime } from "../../chain/formatTime.ts";
import type { RegistryChain } from "../../config/chains.ts";
import type { ArchiveReport } from "../../image/report.ts";
import { Hex } from "../../ui/Hex.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import { type Trust, trustedPublishers } from "../../verdict/trust.ts";
import { bundleFileName, useProofBundleDownload } from "./proofBundleDownload.ts";

/**
 * "Download proof bundle": the registry's answer for this archive, with the proofs an
 * air-gapped verifier checks against one block hash. The hash is shown here because the
 * verifier must get it from somewhere other than the file.
 */
export function ProofBundleDownload({
  archiveName,
  report,
  registryChain,
  trust,
  requestedName,
}: {
  archiveName: string;
  report: ArchiveReport;
  registryChain: RegistryChain;
  trust: Trust;
  requestedName: string | null;
}) {
  const download = useProofBundleDownload(archiveName);
  const publishers = trustedPublishers(trust).length;
  const bundle = download.data;
  return (
    <section className="card form proof-bundle" aria-labelledby="proof-bundle-title">
      <h2 id="proof-bundle-title">Verify it where there is no network</h2>
      <p className="muted">
        A proof bundle holds the registry's answer for this archive as of the latest block of {registryChain.chain.name}
        , with the Merkle proofs that tie it to that block. With the archive, the bundle and the block's hash, the
        Verify page (or <code>imageseal verify --bundle</code>) gives this verdict with no network at all.
      </p>
      {publishers === 0 ? (
        <p className="muted" data-testid="proof-bundle-needs-trust">
          Trust a publisher first: a bundle proves the releases of the publishers you trust.
        </p>
      ) : (
        <button
          type="button"
          className="button"
          disabled={download.isPending}
          onClick={() => download.mutate({ registryChain, report, trust, requestedName })}
        >
          {download.isPending ? "Making the proof bundle…" : "Download proof bundle"}
        </button>
      )}
      {download.isPending && (
        <p role="status">Reading the registry's storage and its proofs from {registryChain.chain.name}…</p>
      )}
      {download.isError && (
        <p role="alert" className="error-text">
          Could not make the proof bundle: <UntrustedText text={download.error.message} what="message" />
        </p>
      )}
      {bundle && !download.isPending && (
        <div role="status" data-testid="proof-bundle-made">
          <p>
            Saved <code>{bundleFileName(archiveName)}</code>: proofs as of block{" "}
            <strong data-testid="proof-bundle-block">{hexToBigInt(bundle.block.number).toString()}</strong> (
            {formatUnixTime(hexToBigInt(bundle.block.timestamp))}), block hash{" "}
            <Hex value={bundle.block.hash} label="block hash" testId="proof-bundle-block-hash" />
          </p>
          <p>
            <strong>Whoever verifies with it must get that block hash from a source they trust</strong> — a node or
            block explorer of their own, or from you by another way — not from the file: the file is only as good as the
            hash it is checked against.
          </p>
        </div>
      )}
    </section>
  );
}
