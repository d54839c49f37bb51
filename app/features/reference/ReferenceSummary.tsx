import type { ArchiveReport } from "../../image/report.ts";
import { Hex } from "../../ui/Hex.tsx";
import { UntrustedText } from "../../ui/UntrustedText.tsx";

const VERDICT_WORDS: Record<ArchiveReport["verdict"], string> = {
  intact: "every manifest and config hashes to its digest",
  tampered: "the registry served bytes that do not hash to their digest",
  unsupported: "ImageSeal cannot vouch for what it serves",
};

/** One line on what was read from the registry: the reference, what it resolved to, and whether the bytes matched. */
export function ReferenceSummary({ name, report, ms }: { name: string; report: ArchiveReport; ms: number }) {
  const notPulled = report.images.some((image) => image.layers.some((layer) => layer.status === "not-pulled"));
  return (
    <p className="inspect-summary muted" data-testid="reference-summary" data-verdict={report.verdict}>
      <strong>
        <UntrustedText text={name} what="reference" flag={false} />
      </strong>
      {report.source && (
        <>
          {" "}
          resolved to <Hex value={report.source.digest} label="digest the reference resolved to" />
        </>
      )}{" "}
      · read from its registry in {(ms / 1000).toFixed(2)} s — {VERDICT_WORDS[report.verdict]}.
      {notPulled &&
        " Layers were not downloaded: the manifest digest binds them, and docker pull checks each one as it downloads."}
    </p>
  );
}
