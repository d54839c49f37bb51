import type { Address } from "viem";
import type { ReleaseInput } from "../../chain/release.ts";
import type { RegistryChain } from "../../config/chains.ts";
import { Hex } from "../../ui/Hex.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";

const FIELDS: { key: keyof Omit<ReleaseInput, "name">; label: string }[] = [
  { key: "imageId", label: "Image ID" },
  { key: "manifestDigest", label: "Manifest digest" },
  { key: "indexDigest", label: "Index digest" },
  { key: "archiveDigest", label: "File sha256" },
];

/** Exactly what the transaction will record, field by field, before anything is signed. */
export function ReleaseReview({
  inputs,
  publisher,
  delegate,
  registryChain,
}: {
  inputs: ReleaseInput[];
  publisher: Address | undefined;
  /** The delegate key that publishes (or signed) on the publisher's behalf; undefined for the publisher's own release. */
  delegate?: Address | undefined;
  registryChain: RegistryChain;
}) {
  return (
    <section className="card" aria-labelledby="review-title">
      <h2 id="review-title">What will be recorded</h2>
      <p className="muted">
        {inputs.length === 1 ? "One release" : `${inputs.length} releases, in one transaction`} by{" "}
        {publisher ? <code>{publisher}</code> : "your account"}
        {delegate && (
          <>
            {" "}
            through delegate key <code>{delegate}</code>
          </>
        )}{" "}
        in the ImageRegistry at <code>{registryChain.registry}</code> on {registryChain.chain.name}. Public and
        permanent.
      </p>
      {inputs.map((input, index) => (
        <dl key={index} className="facts review" aria-label={`Release ${index + 1}`}>
          <dt>Name</dt>
          <dd>
            {/* A signed release file may come from anyone: its name is shown as untrusted text. */}
            <UntrustedText text={input.name} what="name" code testId="review-name" />
          </dd>
          {FIELDS.map(({ key, label }) => (
            <div key={key} className="contents">
              <dt>{label}</dt>
              <dd>
                {input[key] ? <Hex value={input[key]} label={label} /> : <span className="muted">not recorded</span>}
              </dd>
            </div>
          ))}
        </dl>
      ))}
    </section>
  );
}
