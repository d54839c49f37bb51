import { useState } from "react";
import type { Address } from "viem";
import { signRelease } from "../../chain/actions/signRelease.ts";
import { isAppError } from "../../chain/errors.ts";
import type { ReleaseInput } from "../../chain/release.ts";
import { serializeSignedRelease } from "../../chain/signedRelease.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { downloadText } from "../../ui/downloadText.ts";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import type { WriteClientsState } from "../../wallet/useWriteClients.ts";

const DAY = 24 * 60 * 60;

function fileNameFor(input: ReleaseInput): string {
  return `imageseal-release-${input.name.replace(/[^a-zA-Z0-9._-]+/g, "_").slice(0, 80)}.json`;
}

/**
 * The gasless path: the wallet signs the release (EIP-712, no transaction), and the signed
 * release downloads as a file anyone can submit later and pay for.
 */
export function SignReleaseForm({
  input,
  registryChain,
  wallet,
  publisher,
}: {
  input: ReleaseInput;
  registryChain: RegistryChain;
  wallet: WriteClientsState;
  /** Set when the wallet signs as a delegate key of this publisher (its grant must cover the name). */
  publisher?: Address | null;
}) {
  const [days, setDays] = useState(7);
  const [status, setStatus] = useState<{ kind: "status" | "alert"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function sign() {
    if (wallet.clients === null) return;
    setBusy(true);
    setStatus({ kind: "status", text: "Sign the release in your wallet (no gas, no transaction)." });
    try {
      const deadline = BigInt(Math.floor(Date.now() / 1000) + days * DAY);
      const signed = await signRelease(wallet.clients, registryChain, input, deadline, publisher ? { publisher } : {});
      const fileName = fileNameFor(input);
      downloadText(fileName, serializeSignedRelease(signed));
      setStatus({
        kind: "status",
        text: `Signed. Saved ${fileName}: anyone can submit it on this page until ${new Date(Number(deadline) * 1000).toLocaleString()}.`,
      });
    } catch (error) {
      setStatus({ kind: "alert", text: isAppError(error) ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="card">
      <summary>No gas? Sign it now, let someone else submit it</summary>
      <div className="form">
        <p className="muted">
          Your wallet signs exactly the release above (a typed message it shows you field by field). You get a file;
          anyone who submits it pays the gas, and the release is still {publisher ? "the publisher's" : "yours"}. It
          stops working at the deadline, or as soon as {publisher ? "the publisher" : "you"} revoke a release or cancel
          outstanding signed releases.
        </p>
        <label className="field">
          Valid for
          <select className="field" value={days} onChange={(event) => setDays(Number(event.target.value))}>
            {[1, 7, 30, 90].map((value) => (
              <option key={value} value={value}>
                {value} day{value === 1 ? "" : "s"}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" disabled={busy || wallet.clients === null} onClick={() => void sign()}>
          Sign and download
        </button>
        {status && (
          <p role={status.kind}>
            <UntrustedText text={status.text} />
          </p>
        )}
      </div>
    </details>
  );
}
