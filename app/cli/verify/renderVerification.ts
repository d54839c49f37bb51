// `imageseal verify`: the verdict for people. The words and every evidence sentence come from
// app/verdict (the page shows the same); this only lays them out. Release names, reasons and
// the archive's claims are untrusted: every line is escaped for the terminal (terminalText.ts).
import type { Chain } from "viem";
import { shortDigest } from "../../image/digest.ts";
import type { ArchiveReport } from "../../image/report.ts";
import { countWords, releaseWords } from "../../verdict/describe.ts";
import type { OtherReleaseList } from "../../verdict/otherReleases.ts";
import type { TargetVerdict, Tone, VerificationResult } from "../../verdict/verdict.ts";
import { terminalLines } from "../terminalText.ts";

const MARKS: Record<Tone, string> = { good: "✓", bad: "✗", warn: "!", info: "·" };

function digestLines(t: TargetVerdict): string[] {
  const target = t.target;
  const rows: [string, string | null][] =
    target.kind === "image"
      ? [
          ["imageId", target.imageId],
          ["manifestDigest", target.manifestDigest],
          ["indexDigest", target.indexDigests.join(", ") || null],
          ["archiveDigest", target.archiveDigest],
          [
            "claimed names",
            target.claimedNames.length > 0 ? `${target.claimedNames.join(", ")}   (the archive's claims)` : null,
          ],
        ]
      : [["archiveDigest", target.archiveDigest]];
  return rows.filter(([, value]) => value !== null).map(([label, value]) => `    ${label.padEnd(15)} ${value}`);
}

function targetLines(t: TargetVerdict, alone: boolean): string[] {
  const matched = t.matched.length > 0 ? `   (matched by ${t.matched.join(", ")})` : "";
  // With one target the overall summary above is this one's.
  const summary = alone ? [] : [`    ${t.summary}`];
  return [
    `  ${t.word.padEnd(9)} ${t.label}${matched}`,
    ...summary,
    ...digestLines(t),
    ...t.evidence.map((e) => `    ${MARKS[e.tone]} ${e.message}`),
  ];
}

/** `--others N`: the newest releases by other publishers of each digest that has unread ones. */
function otherLines(lists: readonly OtherReleaseList[]): string[] {
  return lists.flatMap((list) => [
    `other releases naming ${shortDigest(list.digest)}: ${list.releases.length === 0 ? "none by other publishers" : `the newest ${countWords(list.releases.length)}`} (${countWords(list.total)} releases by anyone name it)`,
    ...list.releases.map(
      (release) =>
        `  · ${releaseWords(release)}${release.valid ? "" : release.revokedAt !== null ? " (revoked)" : " (no longer valid)"}`,
    ),
    "",
  ]);
}

/** A reference's report: where the identities were read, and whether the layers were too. */
function sourceLines(report: Pick<ArchiveReport, "source" | "images"> | undefined): string[] {
  const source = report?.source;
  if (source === undefined) return [];
  const layers = report?.images.flatMap((image) => image.layers) ?? [];
  const pulled = layers.length > 0 && layers.every((layer) => layer.status !== "not-pulled");
  return [
    `reference  ${source.reference} → ${source.digest}`,
    `layers     ${pulled ? "pulled and checked against their digests" : "not pulled (the manifest digest binds them; --pull downloads and checks each)"}`,
  ];
}

/** `--json` with a reference: what it was and what it resolved to (nothing for an archive). */
export function sourceJson(report: Pick<ArchiveReport, "source" | "images">): {
  source?: { reference: string; repository: string; digest: string; layersPulled: boolean };
} {
  const source = report.source;
  if (source === undefined) return {};
  const layers = report.images.flatMap((image) => image.layers);
  return {
    source: {
      reference: source.reference,
      repository: source.repository,
      digest: source.digest,
      layersPulled: layers.length > 0 && layers.every((layer) => layer.status !== "not-pulled"),
    },
  };
}

/** `others`: what `--others N` listed (null when it was not asked for); `report`: the engine's, for a reference's source. */
export function renderVerification(
  result: VerificationResult,
  fileName: string,
  chain: Pick<Chain, "id" | "name">,
  others: readonly OtherReleaseList[] | null = null,
  report?: Pick<ArchiveReport, "source" | "images">,
): string {
  const trust = [
    ...result.trust.publishers.map((p) => `${p} (any name)`),
    ...result.trust.pins.map((pin) => `${pin.publisher} (for ${pin.name})`),
    ...(result.trust.namespaces ?? []).map((scope) => `whoever proves control of ${scope}`),
  ];
  const lines = [
    `${fileName}: ${result.word}`,
    `  ${result.summary}`,
    "",
    ...result.targets.flatMap((t) => [...targetLines(t, result.targets.length === 1), ""]),
    ...otherLines(others ?? []),
    ...sourceLines(report),
    `chain      ${chain.name} (${result.chainId}), registry ${result.registry}, as of block ${result.blockNumber}`,
    `trusting   ${trust.length > 0 ? trust.join(", ") : "nobody (pass --publisher <address> or --namespace <scope>): nothing can be VERIFIED"}`,
  ];
  if (result.requestedName !== null) lines.push(`name       ${result.requestedName}`);
  for (const note of result.notes) lines.push(`note       ${note.message}`);
  return terminalLines(lines);
}
