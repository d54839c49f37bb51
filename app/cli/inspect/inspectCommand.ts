// `imageseal inspect <file> [--json] [--archive-digest]`
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { ImageEngineError, InspectAbortedError } from "../../image/errors.ts";
import { inspectFile } from "../../image/inspectFile.ts";
import { createNodeHashPool } from "../../image/pool/nodeHashPool.ts";
import type { ArchiveReport } from "../../image/report.ts";
import { type CliIo, type Command, EXIT } from "../command.ts";
import { createProgressBar } from "../progressBar.ts";
import { terminalJson, terminalLine } from "../terminalText.ts";
import { renderReport } from "./renderReport.ts";
import { reportJson } from "./reportJson.ts";

const USAGE = `usage: imageseal inspect <file> [--json] [--archive-digest]

Checks a container image archive (docker save, podman/skopeo/crane, OCI layout; .tar or
.tar.gz) against its own digests and prints each image's imageId, layers and claimed names.

  --json            print the report as one JSON document on stdout
  --archive-digest  also print the sha256 of the file itself (always shown for non-image files)
  -h, --help        show this help

exit status: 0 intact, 1 tampered, 2 unsupported or unreadable input
`;

function exitStatus(report: ArchiveReport): number {
  if (report.verdict === "intact") return EXIT.ok;
  return report.verdict === "tampered" ? EXIT.tampered : EXIT.unsupported;
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      json: { type: "boolean" },
      "archive-digest": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

async function run(args: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    io.stderr.write(`${terminalLine(`imageseal inspect: ${(error as Error).message}`)}\n${USAGE}`);
    return EXIT.unsupported;
  }
  if (parsed.values.help) {
    io.stdout.write(USAGE);
    return EXIT.ok;
  }
  const [file, ...extra] = parsed.positionals;
  if (file === undefined || extra.length > 0) {
    io.stderr.write(USAGE);
    return EXIT.unsupported;
  }
  const bar = createProgressBar(io.stderr);
  const pool = createNodeHashPool();
  try {
    const report = await inspectFile(file, {
      hashPool: pool,
      signal: io.interrupt,
      onProgress: bar.update,
      archiveDigest: parsed.values["archive-digest"] === true,
    });
    bar.clear();
    io.stdout.write(parsed.values.json ? terminalJson(reportJson(report)) : renderReport(report, basename(file)));
    return exitStatus(report);
  } catch (error) {
    bar.clear();
    if (error instanceof InspectAbortedError) return EXIT.interrupted;
    if (!(error instanceof ImageEngineError)) throw error;
    io.stderr.write(terminalLine(`imageseal inspect: ${error.message}`));
    return EXIT.unsupported;
  } finally {
    await pool.close();
  }
}

export const inspectCommand: Command = {
  name: "inspect",
  summary: "check an image archive against its own digests",
  usage: USAGE,
  run,
};
