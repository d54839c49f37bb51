import { useState } from "react";
import type { PublishResult } from "../../chain/actions/publishRelease.ts";
import { submitSignedRelease } from "../../chain/actions/submitSignedRelease.ts";
import { isAppError } from "../../chain/errors.ts";
import { parseSignedRelease, type SignedRelease } from "../../chain/signedRelease.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import { WritePhaseView } from "../../ui/WritePhaseView.tsx";
import { hasHiddenCharacters } from "../../verdict/hiddenCharacters.ts";
import { useRegistryWrite } from "../../wallet/useRegistryWrite.ts";
import { WalletGate } from "../../wallet/WalletGate.tsx";
import { PublishedReleases } from "./PublishedReleases.tsx";
import { ReleaseReview } from "./ReleaseReview.tsx";

/** Submit a release a publisher signed (publishBySig): this wallet pays, the release is the publisher's. */
export function SubmitSignedRelease({ registryChain }: { registryChain: RegistryChain }) {
  const [signed, setSigned] = useState<SignedRelease | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const write = useRegistryWrite<PublishResult>(registryChain);

  async function load(file: File) {
    write.reset();
    try {
      setSigned(parseSignedRelease(await file.text()));
      setProblem(null);
    } catch (error) {
      setSigned(null);
      setProblem(`${file.name}: ${isAppError(error) ? error.message : String(error)}`);
    }
  }

  function submit() {
    if (signed === null) return;
    void write.run((clients, options) => submitSignedRelease(clients, registryChain, signed, options));
  }

  return (
    <section className="card form" aria-labelledby="submit-signed-title">
      <h2 id="submit-signed-title">Submit a signed release</h2>
      <p className="muted">
        A publisher signed a release without paying gas and sent you the file. Submitting it records their release; you
        pay the gas.
      </p>
      <label className="field">
        Signed release file
        <input
          type="file"
          accept="application/json,.json"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void load(file);
            event.target.value = "";
          }}
        />
      </label>
      {problem && (
        <p role="alert" className="error-text">
          <UntrustedText text={problem} />
        </p>
      )}
      {signed && (
        <>
          <ReleaseReview
            inputs={[signed.release]}
            publisher={signed.publisher}
            delegate={signed.signer.toLowerCase() === signed.publisher.toLowerCase() ? undefined : signed.signer}
            registryChain={registryChain}
          />
          {/* This page refuses to publish such a name; a release someone else signed is theirs, so it is only warned about. */}
          {hasHiddenCharacters(signed.release.name) && (
            <p role="alert" className="error-text">
              Its name holds control, bidi or invisible characters (marked above): it reads as something it is not.
              Submit it only if you know why.
            </p>
          )}
          <p className="muted">
            Signed for chain {signed.chainId}, valid until {new Date(Number(signed.deadline) * 1000).toLocaleString()}.
          </p>
          <WalletGate wallet={write.wallet} registryChain={registryChain} action="submit it">
            <button
              type="button"
              className="button button-primary"
              // A signed release goes on chain once; loading another file resets this.
              disabled={!write.canRun || write.confirmed}
              onClick={submit}
            >
              Submit signed release
            </button>
            {write.phase && (
              <WritePhaseView
                phase={write.phase}
                chain={registryChain.chain}
                confirmed={(done) => <PublishedReleases releases={done.releases} />}
              />
            )}
          </WalletGate>
        </>
      )}
    </section>
  );
}
