// A committed corpus case: the archive bytes (<name>.tar or .tar.gz) and <name>.json with
// what made it, each loader's reading, and what the engine said when it was found. The
// corpus test re-runs the engine on the bytes and checks the property against the
// committed readings, so no loader is needed to keep a finding fixed.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import type { Comparison } from "../compareReadings.ts";
import type { LoaderName, LoaderReading } from "../reading.ts";
import type { EngineOutcome } from "../runEngine.ts";
import type { CaseResult } from "./runCase.ts";

export const CORPUS_DIR = fileURLToPath(new URL("../corpus/", import.meta.url));

interface CorpusCase {
  name: string;
  /** The archive file beside this JSON. */
  file: string;
  sha256: string;
  size: number;
  /** What the finding was when the case was committed. */
  finding: "disagreement" | "false-alarm";
  /** One line per finding for people: "skopeo-oci-archive loaded unreported-image …". */
  summary: string[];
  base: string;
  mutations: { id: string; family: string; trick: string; target: string; variant: string; description: string }[];
  gzip: boolean;
  /** Loaders that can read this kind of archive at all (they accepted the untricked rebuild). */
  applicable: LoaderName[];
  readings: LoaderReading[];
  /** The engine's answer when the case was found (the corpus test asks the engine again). */
  engineWhenFound: EngineOutcome;
  /** Image IDs of the evil image(s) the mutator planted. */
  evilImageIds: string[];
  /** Stable key of the finding, so a later run does not commit the same finding again. */
  signature: string;
}

export function findingSignatures(result: Pick<CaseResult, "comparison" | "built">): string[] {
  const tricks =
    result.built.steps
      .map((s) => `${s.family}/${s.trick}/${s.target}`)
      .sort()
      .join("+") + (result.built.gzip ? "+gzip" : "");
  const c: Comparison = result.comparison;
  const out = c.disagreements.map((d) => `disagreement|${d.loader}|${d.kind}|${tricks}`);
  if (c.falseAlarm) out.push(`false-alarm|${c.falseAlarm.problems.join(",")}|${tricks}`);
  return [...new Set(out)];
}

/**
 * False alarms are committed one per kind of refusal (the engine's problem codes other than
 * the by-design ones): they come by the hundred and differ only in the trick that caused them.
 */
export function falseAlarmKey(problems: readonly string[]): string {
  return [...new Set(problems.filter((p) => !/^(duplicate-entry|ambiguous-archive(:.*)?)$/.test(p)))].sort().join(",");
}

export function loadCorpus(): CorpusCase[] {
  let files: string[] = [];
  try {
    files = readdirSync(CORPUS_DIR).filter((f) => f.endsWith(".json"));
  } catch {
    return [];
  }
  return files.sort().map((f) => JSON.parse(readFileSync(`${CORPUS_DIR}${f}`, "utf8")) as CorpusCase);
}

function shortName(result: CaseResult, taken: Set<string>): string {
  const first = result.built.steps[0];
  const parts = result.built.steps.map((s) => s.trick);
  const target = first?.target.replace(".json", "").replace("oci-manifest-blob", "ocimanifest") ?? "x";
  const stem = `${first?.id.split(".")[0] ?? "case"}-${parts.join("+")}-${target}`
    .replace(/[^a-zA-Z0-9+.-]/g, "-")
    .slice(0, 80);
  let name = stem;
  for (let i = 2; taken.has(name); i++) name = `${stem}-${i}`;
  taken.add(name);
  return name;
}

export async function writeCorpusCase(
  result: CaseResult,
  finding: CorpusCase["finding"],
  evilImageIds: string[],
  taken: Set<string>,
): Promise<CorpusCase> {
  const name = shortName(result, taken);
  const file = `${name}.tar${result.built.gzip ? ".gz" : ""}`;
  const c = result.comparison;
  const summary =
    finding === "disagreement"
      ? c.disagreements.map(
          (d) =>
            `${d.loader}: ${d.kind} ${d.image.imageId}${evilImageIds.includes(d.image.imageId) ? " (the EVIL image)" : ""}, engine said intact`,
        )
      : [
          `engine ${c.falseAlarm?.verdict} (${c.falseAlarm?.problems.join(", ")}) while ${c.falseAlarm?.loaders.join(", ")} all loaded only images the engine found`,
        ];
  const record: CorpusCase = {
    name,
    file,
    sha256: `sha256:${createHash("sha256").update(result.built.bytes).digest("hex")}`,
    size: result.built.bytes.length,
    finding,
    summary,
    base: result.built.steps[0]?.id.split(".")[0] ?? "",
    mutations: result.built.steps.map(({ id, family, trick, target, variant, description }) => ({
      id,
      family,
      trick,
      target,
      variant,
      description,
    })),
    gzip: result.built.gzip,
    applicable: result.applicable,
    readings: result.readings.map(({ ms: _ms, ...reading }) => reading),
    engineWhenFound: result.engine,
    evilImageIds,
    signature: findingSignatures(result).join(" ; "),
  };
  await writeFile(`${CORPUS_DIR}${file}`, result.built.bytes);
  await writeFile(`${CORPUS_DIR}${name}.json`, `${JSON.stringify(record, null, 2)}\n`);
  return record;
}
