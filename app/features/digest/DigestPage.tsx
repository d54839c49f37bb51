import { useQuery } from "@tanstack/react-query";
import { releasesByDigestQuery } from "../../chain/queries/releaseQueries.ts";
import { useRegistryChain } from "../../config/useRegistryChain.ts";
import { isSha256Digest } from "../../image/digest.ts";
import { ReleaseCard } from "../../ui/ReleaseCard.tsx";
import { HiddenCharactersFlag, UntrustedText } from "../../ui/UntrustedText.tsx";
import type { RegistryChain } from "../../config/chains.ts";
import type { Digest } from "../../image/digest.ts";

/** `#/digest/sha256:…`: every release that names a digest, in any role. */
export function DigestPage({ digest }: { digest: string }) {
  const registryChain = useRegistryChain();
  const normalized = digest.trim().toLowerCase();
  if (!isSha256Digest(normalized)) {
    return (
      <section className="page">
        <h1>Releases naming a digest</h1>
        <p role="alert">
          “<UntrustedText text={digest} what="link" flag={false} />”<HiddenCharactersFlag text={digest} what="link" /> is not a digest: expected sha256: followed by 64 hex digits.
        </p>
      </section>
    );
  }
  if (registryChain === null) return <p role="alert">No registry is configured.</p>;
  return <DigestReleases registryChain={registryChain} digest={normalized} />;
}

function DigestReleases({ registryChain, digest }: { registryChain: RegistryChain; digest: Digest }) {
  const releases = useQuery(releasesByDigestQuery(registryChain, digest));
  return (
    <section className="page" aria-labelledby="digest-title">
      <h1 id="digest-title">Releases naming a digest</h1>
      <p>
        <code className="break">{digest}</code> on {registryChain.chain.name}
      </p>
      <p className="muted">Anyone can publish any name: a release is only as good as its publisher. Check who published it before you trust it.</p>
      {releases.isPending && <p role="status">Reading releases…</p>}
      {releases.isError && (
        <p role="alert">
          <UntrustedText text={releases.error.message} what="message" />
        </p>
      )}
      {releases.data?.length === 0 && <p role="status">No release names this digest.</p>}
      {releases.data?.map((release) => (
        <ReleaseCard key={release.id.toString()} release={release} chain={registryChain.chain} />
      ))}
    </section>
  );
}
