import { useQuery } from "@tanstack/react-query";
import { formatUnixTime } from "../../chain/formatTime.ts";
import type { RegistryChain } from "../../config/chains.ts";
import type { ArchiveReport } from "../../image/report.ts";
import { BundleError } from "../../proofs/bundleError.ts";
import { NoNetworkContext } from "../../ui/noNetwork.ts";
import { RefusedFile } from "../../ui/RefusedFile.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import type { Trust } from "../../verdict/trust.ts";
import { signedReleaseVerificationQuery } from "./signedReleaseVerify.ts";
import type { LoadedSignedRelease } from "./useSignedReleaseFile.ts";
import { VerificationView } from "./VerificationView.tsx";

interface Props {
  loaded: LoadedSignedRelease;
  report: ArchiveReport | null;
  registryChain: RegistryChain;
  trust: Trust;
  requestedName: string | null;
  onClear: () => void;
}

/**
 * Verification against a release that was signed but never submitted: its signature alone
 * vouches for it, checked here with no network; whether the publisher revoked it or cancelled
 * the signature since cannot be known, and the page says so.
 */
export function SignedReleaseVerification({ loaded, report, registryChain, trust, requestedName, onClear }: Props) {
  const { signed } = loaded;
  return (
    <>
      <section className="card form offline-bundle" aria-labelledby="signed-release-title">
        <h2 id="signed-release-title">Verification against a signed release</h2>
        <p>
          Signed release <code>{loaded.fileName}</code> of <UntrustedText text={signed.release.name} what="name" /> by{" "}
          <code>{signed.publisher}</code>, signed for nonce {signed.nonce.toString()} and submittable until{" "}
          {formatUnixTime(signed.deadline)}. It is checked by its signature alone, for registry{" "}
          <code>{registryChain.registry}</code> on {registryChain.chain.name}, without contacting it.
        </p>
        {report === null && <p className="muted">Now choose or drop the archive to verify.</p>}
        <button type="button" className="button" onClick={onClear}>
          Remove the signed release (verify online)
        </button>
      </section>
      {report !== null && (
        <SignedReleaseResult
          loaded={loaded}
          report={report}
          registryChain={registryChain}
          trust={trust}
          requestedName={requestedName}
        />
      )}
    </>
  );
}

function SignedReleaseResult({
  loaded,
  report,
  registryChain,
  trust,
  requestedName,
}: Omit<Props, "onClear" | "report"> & { report: ArchiveReport }) {
  const verification = useQuery(signedReleaseVerificationQuery(registryChain, report, loaded, trust, requestedName));
  if (verification.isPending) {
    return (
      <p role="status" className="card">
        Checking the signature…
      </p>
    );
  }
  if (verification.isError) {
    const { error } = verification;
    return (
      <RefusedFile
        what="signed release"
        message={error.message}
        expected={error instanceof BundleError}
        testId="signed-release-refused"
      />
    );
  }
  return (
    <NoNetworkContext.Provider value={true}>
      <div className="card offline-banner" role="note" data-testid="signed-release-banner">
        <p>
          <strong>
            Checked by the signed release's signature alone: {loaded.signed.publisher}'s key signed it, but it was never
            recorded on chain here, so whether the publisher revoked it or cancelled the signature cannot be known.
          </strong>
        </p>
      </div>
      <VerificationView result={verification.data} report={report} registryChain={registryChain} />
    </NoNetworkContext.Provider>
  );
}
