// `imageseal verify`: the verdict for people. The words and every evidence sentence come from
// app/verdict (the page shows the same); this only lays them out. Release names, reasons and
// the archive's claims are untrusted: every line is escaped for the terminal (terminalText.ts).
import type { Chain } from "viem";
import { shortDigest } from "../../image/digest.ts";
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
          ["claimed names", target.claimedNames.length > 0 ? `${target.claimedNames.join(", ")}   (the archive's claims)` : null],
        ]
      : [["archiveDigest", target.archiveDigest]];
  return rows.filter(([, value]) => value !== null).map(([label, value]) => `    ${label.padEnd(15)} ${value}`);
}

function targetLines(t: TargetVerdict, alone: boolean): string[] {
  const matched = t.matched.length > 0 ? `   (matched by ${t.matched.join(", ")})` : "";
  // With one target the overall summary above is this one's.
  const summary = alone ? [] : [`    ${t.summary}`];
  return [`  ${t.word.padEnd(9)} ${t.label}${matched}`, ...summary, ...digestLines(t), ...t.evidence.map((e) => `    ${MARKS[e.tone]} ${e.message}`)];
}

/** `--others N`: the newest releases by other publishers of each digest that has unread ones. */
function otherLines(lists: readonly OtherReleaseList[]): string[] {
  return lists.flatMap((list) => [
    `other releases naming ${shortDigest(list.digest)}: ${list.releases.length === 0 ? "none by other publishers" : `the newest ${countWords(list.releases.length)}`} (${countWords(list.total)} releases by anyone name it)`,
    ...list.releases.map((release) => `  · ${releaseWords(release)}${release.valid ? "" : release.revokedAt !== null ? " (revoked)" : " (no longer valid)"}`),
    "",
  ]);
}

/** `others`: what `--others N` listed (null when it was not asked for). */
export function renderVerification(result: VerificationResult, fileName: string, chain: Pick<Chain, "id" | "name">, others: readonly OtherReleaseList[] | null = null): string {
  const trust = [
    ...result.trust.publishers.map((p) => `${p} (any name)`),
    ...result.trust.pins.map((pin) => `${pin.publisher} (for ${pin.name})`),
  ];
  const lines = [
    `${fileName}: ${result.word}`,
    `  ${result.summary}`,
    "",
    ...result.targets.flatMap((t) => [...targetLines(t, result.targets.length === 1), ""]),
    ...otherLines(others ?? []),
    `chain      ${chain.name} (${result.chainId}), registry ${result.registry}, as of block ${result.blockNumber}`,
    `trusting   ${trust.length > 0 ? trust.join(", ") : "nobody (pass --publisher <address>): nothing can be VERIFIED"}`,
  ];
  if (result.requestedName !== null) lines.push(`name       ${result.requestedName}`);
  for (const note of result.notes) lines.push(`note       ${note.message}`);
  return terminalLines(lines);
}
