import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { type Hex as HexString, hexToBigInt } from "viem";
import { formatUnixTime } from "../../chain/formatTime.ts";
import type { RegistryChain } from "../../config/chains.ts";
import type { ArchiveReport } from "../../image/report.ts";
import { BundleError } from "../../proofs/bundleError.ts";
import { NoNetworkContext } from "../../ui/noNetwork.ts";
import { RefusedFile } from "../../ui/RefusedFile.tsx";
import type { Trust } from "../../verdict/trust.ts";
import { OfflineBanner } from "./OfflineBanner.tsx";
import { type LoadedBundle, offlineVerificationQuery } from "./offlineVerificationQuery.ts";
import { parseBlockHash } from "./offlineVerify.ts";
import { VerificationView } from "./VerificationView.tsx";

interface Props {
  loaded: LoadedBundle;
  /** The inspected archive, once there is one. */
  report: ArchiveReport | null;
  registryChain: RegistryChain;
  trust: Trust;
  requestedName: string | null;
  onClear: () => void;
}

/**
 * Verification from a proof bundle: the user gives the block hash they trust, and the verdict
 * is decided from the archive and the bundle alone. The chain id and registry it must prove are
 * the page's configured ones, read from the build, never from the network.
 */
export function OfflineVerification({ loaded, report, registryChain, trust, requestedName, onClear }: Props) {
  const [hashText, setHashText] = useState("");
  const trustedBlockHash = parseBlockHash(hashText);
  const { bundle } = loaded;
  return (
    <>
      <section className="card form offline-bundle" aria-labelledby="offline-title">
        <h2 id="offline-title">Offline verification with a proof bundle</h2>
        <p>
          Proof bundle <code>{loaded.fileName}</code>, which says it was made at block{" "}
          {hexToBigInt(bundle.block.number).toString()} ({formatUnixTime(hexToBigInt(bundle.block.timestamp))}) of chain{" "}
          {bundle.chainId}. Nothing in it counts until it is checked against a block hash you trust; it is checked
          against registry <code>{registryChain.registry}</code> on {registryChain.chain.name}, without contacting it.
        </p>
        <label className="field">
          Trusted block hash
          <small>
            from a source you trust — a node or block explorer of your own, or the person who made the bundle, by
            another way than the file
          </small>
          <input
            type="text"
            value={hashText}
            onChange={(event) => setHashText(event.target.value)}
            placeholder="0x… (64 hex digits)"
            spellCheck={false}
            autoComplete="off"
            aria-invalid={hashText.trim() !== "" && trustedBlockHash === null}
          />
        </label>
        {hashText.trim() !== "" && trustedBlockHash === null && (
          <p role="alert" className="error-text">
            A block hash is 0x followed by 64 hex digits.
          </p>
        )}
        {report === null && <p className="muted">Now choose or drop the archive to verify.</p>}
        <button type="button" className="button" onClick={onClear}>
          Remove the bundle (verify online)
        </button>
      </section>
      {report !== null && trustedBlockHash !== null && (
        <OfflineResult
          loaded={loaded}
          report={report}
          registryChain={registryChain}
          trustedBlockHash={trustedBlockHash}
          trust={trust}
          requestedName={requestedName}
        />
      )}
    </>
  );
}

function OfflineResult({
  loaded,
  report,
  registryChain,
  trustedBlockHash,
  trust,
  requestedName,
}: Omit<Props, "onClear" | "report"> & { report: ArchiveReport; trustedBlockHash: HexString }) {
  const verification = useQuery(
    offlineVerificationQuery(registryChain, report, loaded, trustedBlockHash, trust, requestedName),
  );
  if (verification.isPending) {
    return (
      <p role="status" className="card">
        Checking the bundle's proofs against the trusted block…
      </p>
    );
  }
  if (verification.isError) {
    const { error } = verification;
    return (
      <RefusedFile
        what="proof bundle"
        message={error.message}
        expected={error instanceof BundleError}
        testId="bundle-refused"
      />
    );
  }
  const { result } = verification.data;
  return (
    <NoNetworkContext.Provider value={true}>
      <OfflineBanner offline={verification.data} />
      <VerificationView result={result} report={report} registryChain={registryChain} />
    </NoNetworkContext.Provider>
  );
}
