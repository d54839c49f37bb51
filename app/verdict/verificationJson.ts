// The verification as one JSON document (the CLI's --json): every bigint as a decimal
// string, digests as `sha256:<hex>`, errors as { kind, message }. The word is in `verdict`,
// overall and per target.
import type { Release } from "../chain/release.ts";
import type { Note } from "../image/report.ts";
import type { OtherReleaseList } from "./otherReleases.ts";
import type { DigestTotal, Evidence, TargetVerdict, VerdictWord, VerificationResult } from "./verdict.ts";

// An evidence item with a `name` (name-conflict, current-release) has an Error's shape too:
// only things without a `tone` are errors here.
type Jsonified<T> = T extends bigint
  ? string
  : T extends Error & { tone?: never }
    ? { kind: string; message: string }
    : T extends readonly (infer U)[]
      ? Jsonified<U>[]
      : T extends object
        ? { [K in keyof T]: Jsonified<T[K]> }
        : T;

type ReleaseJson = Jsonified<Release>;
type EvidenceJson = Jsonified<Evidence>;

interface TargetJson {
  label: string;
  verdict: VerdictWord;
  unknownReason: TargetVerdict["unknownReason"];
  summary: string;
  /** What was checked: kind ("image" | "file" | "archive") and its computed digests. */
  target: Jsonified<TargetVerdict["target"]>;
  matched: TargetVerdict["matched"];
  release: ReleaseJson | null;
  evidence: EvidenceJson[];
}

export interface VerificationJson {
  verdict: VerdictWord;
  summary: string;
  requestedName: string | null;
  trust: Jsonified<VerificationResult["trust"]>;
  chainId: number;
  registry: string;
  blockNumber: string;
  format: VerificationResult["format"];
  targets: TargetJson[];
  notes: Note[];
  /** How many releases by anyone name each digest of the archive (most were not read). */
  digestTotals: DigestTotal[];
  /** Other publishers' releases listed on request (the CLI's --others N); absent when not asked for. */
  others?: { digest: string; total: number; releases: ReleaseJson[] }[];
}

function jsonify<T>(value: T): Jsonified<T> {
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => {
      if (typeof v === "bigint") return v.toString();
      if (v instanceof Error) return { kind: (v as { kind?: string }).kind ?? v.name, message: v.message };
      return v;
    }),
  ) as Jsonified<T>;
}

export function verificationJson(
  result: VerificationResult,
  others: readonly OtherReleaseList[] | null = null,
): VerificationJson {
  const listed =
    others === null
      ? {}
      : {
          others: others.map((list) => ({
            digest: list.digest,
            total: list.total,
            releases: list.releases.map(jsonify),
          })),
        };
  return {
    verdict: result.word,
    summary: result.summary,
    requestedName: result.requestedName,
    trust: jsonify(result.trust),
    chainId: result.chainId,
    registry: result.registry,
    blockNumber: result.blockNumber.toString(),
    format: result.format,
    targets: result.targets.map((t) => ({
      label: t.label,
      verdict: t.word,
      unknownReason: t.unknownReason,
      summary: t.summary,
      target: jsonify(t.target),
      matched: t.matched,
      release: t.release === null ? null : jsonify(t.release),
      evidence: t.evidence.map(jsonify),
    })),
    notes: result.notes,
    digestTotals: result.digestTotals,
    ...listed,
  };
}
