import type { RegistryChain } from "../../config/chains.ts";
import type { ArchiveReport } from "../../image/report.ts";
import { ImageFacts } from "../../inspection/ArchiveReportView.tsx";
import { Hex } from "../../ui/Hex.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";
import { visibleText } from "../../ui/visibleText.ts";
import type { TargetVerdict } from "../../verdict/verdict.ts";
import { ChainReleaseCard } from "../release/ChainReleaseCard.tsx";
import { EvidenceList } from "./EvidenceList.tsx";
import { OtherReleases } from "./OtherReleases.tsx";

const KIND_WORDS = {
  imageId: "image ID",
  manifestDigest: "manifest digest",
  indexDigest: "index digest",
  archiveDigest: "file sha256",
} as const;

/** The grant behind the deciding release when it is delegated and void (the verdict read it to say why); undefined when not known. */
function delegationFor(verdict: TargetVerdict) {
  const release = verdict.release;
  if (release === null || release.signer === null) return undefined;
  const item = verdict.evidence.find((entry) => entry.kind === "delegation-void" && entry.release.id === release.id);
  return item?.kind === "delegation-void" ? (item.delegation ?? undefined) : undefined;
}

/** The deciding release's "revoked" item, when it is revoked: the verdict's sentence says it already. */
function revokedItemOf(verdict: TargetVerdict) {
  const release = verdict.release;
  if (release === null) return undefined;
  const item = verdict.evidence.find((entry) => entry.kind === "revoked" && entry.release.id === release.id);
  return item?.kind === "revoked" ? item : undefined;
}

/** One image's (or the file's) verdict: the word first, then why, then what the archive holds. */
export function VerdictCard({
  verdict,
  report,
  registryChain,
}: {
  verdict: TargetVerdict;
  report: ArchiveReport;
  registryChain: RegistryChain;
}) {
  const { target } = verdict;
  const image = target.kind === "image" ? report.images[target.index] : undefined;
  const revoked = revokedItemOf(verdict);
  return (
    <article
      className={`card verdict-card verdict-${verdict.word.toLowerCase()}`}
      aria-label={`Verdict for ${visibleText(verdict.label)}`}
    >
      <p className="verdict-line" data-testid="verdict">
        <strong className="verdict-word">{verdict.word}</strong>{" "}
        <span className="verdict-summary">
          <UntrustedText text={verdict.summary} />
        </span>
      </p>
      <p className="muted">
        {/* "image 1 of 2 (linux/amd64)": the platform is the archive's word. */}
        <UntrustedText text={verdict.label} />
        {target.kind === "image" && target.imageId && (
          <>
            {" · image ID "}
            <Hex value={target.imageId} label="image ID" testId="image-id" />
          </>
        )}
        {target.kind !== "image" && target.archiveDigest && (
          <>
            {" · sha256 "}
            <Hex value={target.archiveDigest} label="file sha256" testId="archive-digest" />
          </>
        )}
      </p>
      {verdict.matched.length > 0 && <p>Matched by {verdict.matched.map((kind) => KIND_WORDS[kind]).join(" and ")}.</p>}
      {verdict.release && (
        <ChainReleaseCard release={verdict.release} registryChain={registryChain} delegation={delegationFor(verdict)} />
      )}
      {/* The verdict's sentence and the release card above already say what the deciding "verified-by" or "revoked" item says: each fact once. */}
      <EvidenceList
        evidence={
          verdict.release
            ? verdict.evidence.filter((item) => item.kind !== "verified-by" && item !== revoked)
            : verdict.evidence
        }
        registryChain={registryChain}
      />
      {verdict.evidence.map((item, index) =>
        item.kind === "other-releases" ? (
          <OtherReleases key={index} counts={item.counts} registryChain={registryChain} />
        ) : null,
      )}
      {image && (
        <details>
          <summary>What the archive holds: identities and every layer</summary>
          <ImageFacts image={image} />
        </details>
      )}
    </article>
  );
}
