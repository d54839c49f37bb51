// The contenders that are commands: sha256sum and openssl (the file's digest, the
// yardsticks), gzip -d (the floor for a .tar.gz: decompression alone), and the CLI
// `imageseal inspect` (every layer and the config verified). Each run's answer is checked
// against the archive's known digests, so a fast wrong answer fails the benchmark.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { CachedArchive } from "../archives/archiveCache.ts";
import { BenchCheckError, type Contender, type Measurement } from "./contender.ts";
import { type CommandResult, timedCommand } from "./timedCommand.ts";

const CLI = fileURLToPath(new URL("../../cli/imageseal.ts", import.meta.url));

function fail(what: string, result: CommandResult): never {
  throw new BenchCheckError(`${what} (exit ${result.status}): ${result.stderr.trim().slice(0, 400)}`);
}

const measured = (result: CommandResult, extraRssKiB: number | null = null): Measurement => ({
  wallMs: result.wallMs,
  peakRssKiB: result.maxRssKiB,
  extraRssKiB,
  cpuMs: result.cpuMs,
});

/** Whether `command` runs here (a machine without openssl or gzip skips that contender). */
export function commandExists(command: string): boolean {
  try {
    execFileSync(command, ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    // openssl answers `version`, not `--version`
    try {
      execFileSync(command, ["version"], { stdio: "ignore" });
      return true;
    } catch {
      return false;
    }
  }
}

const always = () => true;
const noop = async () => {};

function fileDigester(id: "sha256sum" | "openssl", command: string, args: readonly string[]): Contender {
  return {
    id,
    describe: `\`${[command, ...args].join(" ")} <file>\`, spawn to exit`,
    appliesTo: always,
    async measure(archive) {
      const result = await timedCommand(command, [...args, archive.path]);
      const hex = archive.archiveDigest.slice("sha256:".length);
      if (result.status !== 0 || !result.stdout.includes(hex))
        fail(`${id} did not print ${archive.archiveDigest} for ${archive.path}`, result);
      return measured(result);
    },
    close: noop,
  };
}

export const sha256sumContender = (): Contender => fileDigester("sha256sum", "sha256sum", []);
export const opensslContender = (): Contender => fileDigester("openssl", "openssl", ["dgst", "-sha256"]);

export const gunzipContender = (): Contender => ({
  id: "gunzip",
  describe: "`gzip -dc <file> > /dev/null`: decompression alone, the floor for a .tar.gz",
  appliesTo: (archive) => archive.compression === "gzip",
  async measure(archive) {
    const result = await timedCommand("gzip", ["-dc", archive.path], { discardStdout: true });
    if (result.status !== 0) fail(`gzip -dc ${archive.path} failed`, result);
    return measured(result);
  },
  close: noop,
});

interface InspectJson {
  verdict: string;
  images: { imageId: string | null; layers: { computed: string | null; status: string }[] }[];
}

/** The CLI's answer must name the archive's image and every layer, each verified. */
function checkReport(archive: CachedArchive, result: CommandResult): void {
  let report: InspectJson;
  try {
    report = JSON.parse(result.stdout) as InspectJson;
  } catch {
    fail(`imageseal inspect printed no JSON for ${archive.path}`, result);
  }
  const image = report.images[0];
  const computed = image?.layers.map((layer) => layer.status === "ok" && layer.computed);
  if (
    result.status !== 0 ||
    report.verdict !== "intact" ||
    image?.imageId !== archive.imageId ||
    JSON.stringify(computed) !== JSON.stringify(archive.diffIds)
  ) {
    fail(`imageseal inspect did not verify ${archive.path} (verdict ${report.verdict})`, result);
  }
}

/**
 * `imageseal inspect --json <file>` in a fresh Node process each run: start-up included,
 * as a person pays it. Extra memory: its peak RSS minus that of the same command on a
 * tiny archive (Node, its two worker threads and the engine's code at rest).
 */
export async function cliContender(baselineArchive: string): Promise<Contender> {
  // Measured before any timed run, so that no run's CPU accounting includes it.
  const peaks: number[] = [];
  for (let i = 0; i < 3; i++) {
    const result = await timedCommand(process.execPath, [CLI, "inspect", "--json", baselineArchive]);
    if (result.status !== 0) fail(`imageseal inspect failed on the baseline ${baselineArchive}`, result);
    if (result.maxRssKiB !== null) peaks.push(result.maxRssKiB);
  }
  // The lowest of three: a baseline caught high would understate the extra.
  const restKiB = peaks.length === 3 ? Math.min(...peaks) : null;
  return {
    id: "cli",
    describe: "`node app/cli/imageseal.ts inspect --json <file>`, spawn to exit (Node start-up included)",
    appliesTo: always,
    async measure(archive) {
      const result = await timedCommand(process.execPath, [CLI, "inspect", "--json", archive.path]);
      checkReport(archive, result);
      return measured(result, restKiB !== null && result.maxRssKiB !== null ? result.maxRssKiB - restKiB : null);
    },
    close: noop,
  };
}
