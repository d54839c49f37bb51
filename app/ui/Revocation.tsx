import { useQuery } from "@tanstack/react-query";
import { transactionUrl } from "../chain/explorer.ts";
import { revocationQuery } from "../chain/queries/releaseQueries.ts";
import type { Release } from "../chain/release.ts";
import type { RegistryChain } from "../config/chains.ts";
import { HiddenCharactersFlag, UntrustedText } from "./UntrustedText.tsx";

/** Why a release was revoked: the reason lives only in its `Revoked` log. */
export function Revocation({ registryChain, release }: { registryChain: RegistryChain; release: Release }) {
  const revocation = useQuery(revocationQuery(registryChain, release));
  if (release.revokedAt === null) return null;
  if (revocation.isPending) return <p className="muted">Reading the revocation…</p>;
  if (revocation.isError)
    return (
      <p role="alert">
        Could not read why it was revoked: <UntrustedText text={revocation.error.message} what="message" />
      </p>
    );
  if (revocation.data === null) return null;
  const url = transactionUrl(registryChain.chain, revocation.data.transactionHash);
  return (
    <p className="revocation" data-testid="revocation-reason">
      Revoked by its publisher:{" "}
      {revocation.data.reason ? (
        <>
          “<UntrustedText text={revocation.data.reason} what="reason" flag={false} />”
          <HiddenCharactersFlag text={revocation.data.reason} what="reason" />
        </>
      ) : (
        "no reason given"
      )}{" "}
      (block {revocation.data.blockNumber.toString()}
      {url && (
        <>
          ,{" "}
          <a href={url} target="_blank" rel="noreferrer noopener">
            transaction
          </a>
        </>
      )}
      ).
    </p>
  );
}
