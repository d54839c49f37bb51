// The work of `imageseal verify` (see verifyCommand.ts for the options and exit statuses).
import path, { basename } from "node:path";
import { parseArgs } from "node:util";
import { getAddress, isAddress, type Address } from "viem";
import { readRegistryInfo } from "../../chain/actions/readRegistryInfo.ts";
import { isAppError } from "../../chain/errors.ts";
import { ImageEngineError, InspectAbortedError } from "../../image/errors.ts";
import { inspectFile } from "../../image/inspectFile.ts";
import { createNodeHashPool } from "../../image/pool/nodeHashPool.ts";
import { verificationJson } from "../../verdict/verificationJson.ts";
import { verifyArchive } from "../../verdict/verifyArchive.ts";
import { EXIT, type CliIo } from "../command.ts";
import { createProgressBar } from "../progressBar.ts";
import { terminalJson, terminalLine } from "../terminalText.ts";
import { renderVerification } from "./renderVerification.ts";
import { ChainInputError, resolveChain } from "./resolveChain.ts";
import { VERIFY_USAGE } from "./verifyCommand.ts";

/** Where contracts/ignition/deployments lives, for `--chain localhost`. */
const PROJECT_ROOT = path.resolve(import.meta.dirname, "..", "..", "..");

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      chain: { type: "string" },
      registry: { type: "string" },
      publisher: { type: "string", multiple: true },
      name: { type: "string" },
      json: { type: "boolean" },
      "skip-name-scan": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** An error for stderr: the message may quote a path, a name or an RPC's answer, so it is escaped. */
function fail(io: CliIo, message: string, usage = false): number {
  io.stderr.write(`${terminalLine(`imageseal verify: ${message}`)}${usage ? `\n${VERIFY_USAGE}` : ""}`);
  return EXIT.unsupported;
}

export async function runVerify(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parse(args);
  } catch (error) {
    return fail(io, (error as Error).message, true);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(VERIFY_USAGE);
    return EXIT.ok;
  }
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0 || values.chain === undefined) return fail(io, "give one file and --chain", true);
  const bad = (values.publisher ?? []).find((p) => !isAddress(p));
  if (bad !== undefined) return fail(io, `--publisher is not an address: "${bad}"`);
  const trust = { publishers: (values.publisher ?? []).map((p) => getAddress(p) as Address), pins: [] };

  let resolved;
  try {
    resolved = await resolveChain(values.chain, values.registry, { projectRoot: PROJECT_ROOT, env: process.env });
    await readRegistryInfo(resolved.client, resolved.registry.registry);
  } catch (error) {
    if (error instanceof ChainInputError || isAppError(error)) return fail(io, error.message);
    throw error;
  }

  const bar = createProgressBar(io.stderr);
  const pool = createNodeHashPool();
  try {
    // The archive's own sha256 too: a release may name it (always, for a plain file).
    const report = await inspectFile(file, { hashPool: pool, signal: io.interrupt, onProgress: bar.update, archiveDigest: true });
    bar.clear();
    const result = await verifyArchive({ client: resolved.client, registry: resolved.registry, report, trust, requestedName: values.name ?? null, scanNames: values["skip-name-scan"] !== true });
    io.stdout.write(values.json ? terminalJson(verificationJson(result)) : renderVerification(result, basename(file), resolved.chain));
    return result.word === "VERIFIED" ? EXIT.ok : EXIT.tampered;
  } catch (error) {
    bar.clear();
    if (error instanceof InspectAbortedError) return EXIT.interrupted;
    if (error instanceof ImageEngineError || isAppError(error)) return fail(io, error.message);
    throw error;
  } finally {
    await pool.close();
  }
}
