// The work of `imageseal bundle` (see bundleCommand.ts for the options and exit statuses).
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { type Address, getAddress, hexToBigInt, isAddress } from "viem";
import { readRegistryInfo } from "../../chain/actions/readRegistryInfo.ts";
import { isAppError } from "../../chain/errors.ts";
import { formatUnixTime } from "../../chain/formatTime.ts";
import { type Digest, isSha256Digest } from "../../image/digest.ts";
import { ImageEngineError, InspectAbortedError } from "../../image/errors.ts";
import { inspectFile } from "../../image/inspectFile.ts";
import { createNodeHashPool } from "../../image/pool/nodeHashPool.ts";
import { BundleError } from "../../proofs/bundleError.ts";
import { makeProofBundle } from "../../proofs/makeProofBundle.ts";
import { serializeProofBundle } from "../../proofs/proofBundle.ts";
import { digestsOf, targetsOf } from "../../verdict/targets.ts";
import { type CliIo, EXIT } from "../command.ts";
import { createProgressBar } from "../progressBar.ts";
import { terminalJson, terminalLine } from "../terminalText.ts";
import { ChainInputError, resolveChain } from "../verify/resolveChain.ts";
import { BUNDLE_USAGE } from "./bundleUsage.ts";

const PROJECT_ROOT = path.resolve(import.meta.dirname, "..", "..", "..");

function fail(io: CliIo, message: string, usage = false): number {
  io.stderr.write(`${terminalLine(`imageseal bundle: ${message}`)}${usage ? `\n${BUNDLE_USAGE}` : ""}`);
  return EXIT.unsupported;
}

/** The digests to cover: the one given, or every digest of every image (and of the file itself). */
async function digestsToCover(target: string, io: CliIo): Promise<Digest[]> {
  if (isSha256Digest(target)) return [target];
  const bar = createProgressBar(io.stderr);
  const pool = createNodeHashPool();
  try {
    const report = await inspectFile(target, {
      hashPool: pool,
      signal: io.interrupt,
      onProgress: bar.update,
      archiveDigest: true,
    });
    return [...new Set(targetsOf(report).flatMap(digestsOf))];
  } finally {
    bar.clear();
    await pool.close();
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      chain: { type: "string" },
      registry: { type: "string" },
      publisher: { type: "string", multiple: true },
      name: { type: "string", multiple: true },
      block: { type: "string" },
      output: { type: "string", short: "o" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

export async function runBundle(args: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    return fail(io, (error as Error).message, true);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(BUNDLE_USAGE);
    return EXIT.ok;
  }
  const [target, ...extra] = positionals;
  if (target === undefined || extra.length > 0 || values.chain === undefined || values.output === undefined)
    return fail(io, "give one file or digest, --chain and -o <file>", true);
  const publishers = values.publisher ?? [];
  if (publishers.length === 0)
    return fail(io, "give at least one --publisher: a bundle covers the publishers the verifier will trust");
  const bad = publishers.find((p) => !isAddress(p));
  if (bad !== undefined) return fail(io, `--publisher is not an address: "${bad}"`);
  if (values.block !== undefined && !/^\d+$/.test(values.block))
    return fail(io, `--block must be a block number: "${values.block}"`);

  try {
    const resolved = await resolveChain(values.chain, values.registry, { projectRoot: PROJECT_ROOT, env: process.env });
    await readRegistryInfo(resolved.client, resolved.registry.registry);
    const digests = await digestsToCover(target, io);
    const bundle = await makeProofBundle({
      client: resolved.client,
      registry: resolved.registry.registry,
      publishers: publishers.map((p): Address => getAddress(p)),
      digests,
      names: values.name ?? [],
      blockNumber: values.block === undefined ? undefined : BigInt(values.block),
    });
    await writeFile(values.output, serializeProofBundle(bundle));
    const blockNumber = hexToBigInt(bundle.block.number);
    const time = formatUnixTime(Number(hexToBigInt(bundle.block.timestamp)));
    const summary = {
      file: values.output,
      chainId: bundle.chainId,
      registry: bundle.registry,
      blockNumber: blockNumber.toString(),
      blockHash: bundle.block.hash,
      blockTime: time,
      publishers: bundle.publishers,
      digests: bundle.digests,
      releases: bundle.releases.length,
      provedWords: bundle.storage.length,
    };
    io.stdout.write(
      values.json
        ? terminalJson(summary)
        : terminalLine(
            [
              `Wrote ${values.output}: ${bundle.releases.length} release(s) of ${bundle.publishers.length} publisher(s) naming ${digests.length} digest(s), ${bundle.storage.length} storage words proved,`,
              `as of block ${blockNumber} (${time}) on chain ${bundle.chainId}, registry ${bundle.registry}.`,
              `The verifier must get this block hash from a source it trusts (not from this file): ${bundle.block.hash}`,
            ].join("\n"),
          ),
    );
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InspectAbortedError) return EXIT.interrupted;
    if (
      error instanceof ChainInputError ||
      error instanceof ImageEngineError ||
      error instanceof BundleError ||
      isAppError(error)
    )
      return fail(io, error.message);
    throw error;
  }
}
