// Runs the engine on a file the way the CLI does (inspectFile + the Node hash pool) and
// summarizes its report. An engine crash is kept as a summary with verdict "crash": the
// harness must go on, and a crash is itself worth reporting.
import { inspectFile } from "../image/inspectFile.ts";
import type { HashPool } from "../image/pool/hashPool.ts";
import { type EngineSummary, summarizeReport } from "./engineSummary.ts";

export type EngineOutcome = EngineSummary | { verdict: "crash"; error: string };

export async function runEngine(file: string, hashPool: HashPool): Promise<EngineOutcome> {
  try {
    return summarizeReport(await inspectFile(file, { hashPool }));
  } catch (error) {
    return { verdict: "crash", error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}
