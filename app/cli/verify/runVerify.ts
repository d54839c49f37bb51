// The work of `imageseal verify` (see verifyCommand.ts for the options and exit statuses).
import path, { basename } from "node:path";
import { parseArgs } from "node:util";
import { type Address, getAddress, isAddress } from "viem";
import { readRegistryInfo } from "../../chain/actions/readRegistryInfo.ts";
import { isAppError } from "../../chain/errors.ts";
import { ImageEngineError, InspectAbortedError } from "../../image/errors.ts";
import { inspectFile } from "../../image/inspectFile.ts";
import { createNodeHashPool } from "../../image/pool/nodeHashPool.ts";
import { BundleError } from "../../proofs/bundleError.ts";
import type { RegistryClient } from "../../registry/client.ts";
import { RegistryError } from "../../registry/errors.ts";
import { parseScope, TrustFileError } from "../../trust/trustFile.ts";
import { listUnreadOthers } from "../../verdict/otherReleases.ts";
import type { Trust } from "../../verdict/trust.ts";
import { verificationJson } from "../../verdict/verificationJson.ts";
import { verifyArchive } from "../../verdict/verifyArchive.ts";
import { cliClaimChecker } from "../claim/cliClaimChecker.ts";
import { type CliIo, EXIT } from "../command.ts";
import { createProgressBar } from "../progressBar.ts";
import { cliRegistryClient, stderrNote } from "../registryAuth/cliRegistryClient.ts";
import { terminalJson, terminalLine } from "../terminalText.ts";
import { inspectTarget } from "./inspectTarget.ts";
import { renderVerification, sourceJson } from "./renderVerification.ts";
import { ChainInputError, type ResolvedChain, resolveChain } from "./resolveChain.ts";
import { runOfflineVerify, runSignedReleaseVerify } from "./runOfflineVerify.ts";
import { classifyTarget, type VerifyTarget } from "./verifyTarget.ts";
import { VERIFY_USAGE } from "./verifyUsage.ts";

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
      others: { type: "string" },
      bundle: { type: "string" },
      "signed-release": { type: "string" },
      "trusted-block": { type: "string" },
      reference: { type: "boolean" },
      pull: { type: "boolean" },
      namespace: { type: "string", multiple: true },
      "skip-claims": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** `--others N` reads N releases per digest, a page of 100 at a time: bounded so a typo cannot read a million. */
const MAX_OTHERS = 10_000;

/** An error for stderr: the message may quote a path, a name or an RPC's answer, so it is escaped. */
function fail(io: CliIo, message: string, usage = false): number {
  io.stderr.write(`${terminalLine(`imageseal verify: ${message}`)}${usage ? `\n${VERIFY_USAGE}` : ""}`);
  return EXIT.unsupported;
}

export async function runVerify(args: string[], io: CliIo): Promise<number> {
  let parsed: ReturnType<typeof parse>;
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
  if (file === undefined || extra.length > 0 || values.chain === undefined)
    return fail(io, "give one file or image reference, and --chain", true);
  const bad = (values.publisher ?? []).find((p) => !isAddress(p));
  if (bad !== undefined) return fail(io, `--publisher is not an address: "${bad}"`);
  let namespaces: string[];
  try {
    namespaces = (values.namespace ?? []).map(parseScope);
  } catch (error) {
    if (error instanceof TrustFileError) return fail(io, `--namespace: ${error.message}`);
    throw error;
  }
  if (namespaces.length > 0 && values["skip-claims"] === true)
    return fail(io, "--namespace trusts whoever proves control of it, which needs the claims: drop --skip-claims");
  const trust: Trust = {
    publishers: (values.publisher ?? []).map((p) => getAddress(p) as Address),
    pins: [],
    ...(namespaces.length > 0 ? { namespaces } : {}),
  };
  const others = values.others === undefined ? null : Number(values.others);
  if (
    others !== null &&
    !(Number.isSafeInteger(others) && others >= 0 && others <= MAX_OTHERS && /^\d+$/.test(values.others ?? ""))
  ) {
    return fail(io, `--others must be a whole number from 0 to ${MAX_OTHERS}: "${values.others}"`);
  }
  let target: VerifyTarget;
  try {
    target = classifyTarget(file, values.reference === true);
  } catch (error) {
    if (error instanceof RegistryError) return fail(io, error.message);
    throw error;
  }
  if (target.kind === "file" && values.pull === true)
    return fail(io, "--pull downloads a registry reference's layers; an archive's layers are always read");

  if (values.bundle !== undefined || values["trusted-block"] !== undefined || values["signed-release"] !== undefined) {
    if (target.kind === "reference")
      return fail(
        io,
        "--bundle and --signed-release verify an archive with no network; for a reference, pull and save it first (docker save), or verify it online",
      );
    if (namespaces.length > 0)
      return fail(io, "--namespace needs the claims, read online: it cannot be used with --bundle or --signed-release");
    return verifyOffline(file, values, trust, io);
  }

  let resolved: ResolvedChain;
  try {
    resolved = await resolveChain(values.chain, values.registry, { projectRoot: PROJECT_ROOT, env: process.env });
    await readRegistryInfo(resolved.client, resolved.registry.registry);
  } catch (error) {
    if (error instanceof ChainInputError || isAppError(error)) return fail(io, error.message);
    throw error;
  }

  // One client for the reference and the claims' artifacts, made on first use.
  let client: RegistryClient | undefined;
  const registryClient = () =>
    (client ??= cliRegistryClient({ env: process.env, note: stderrNote(io, "verify"), signal: io.interrupt }));
  const label = target.kind === "reference" ? target.reference.name : basename(file);
  try {
    const report = await inspectTarget(target, { pull: values.pull === true, registryClient }, io);
    // By reference, the question is "is what this reference serves what a trusted publisher released under it".
    const requestedName = values.name ?? (target.kind === "reference" ? target.reference.name : null);
    const claimChecker =
      values["skip-claims"] === true ? undefined : cliClaimChecker(resolved, registryClient, stderrNote(io, "verify"));
    const result = await verifyArchive({
      client: resolved.client,
      registry: resolved.registry,
      report,
      trust,
      requestedName,
      scanNames: values["skip-name-scan"] !== true,
      ...(claimChecker ? { claimChecker } : {}),
    });
    // Other publishers' releases are counted by the verification and read only when asked for.
    const listed =
      others === null || others === 0
        ? null
        : await listUnreadOthers(resolved.client, resolved.registry, result, others);
    io.stdout.write(
      values.json
        ? terminalJson({ ...verificationJson(result, listed), ...sourceJson(report) })
        : renderVerification(result, label, resolved.chain, listed, report),
    );
    return result.word === "VERIFIED" ? EXIT.ok : EXIT.tampered;
  } catch (error) {
    if (error instanceof InspectAbortedError || (error instanceof RegistryError && error.code === "aborted"))
      return EXIT.interrupted;
    if (error instanceof ImageEngineError || isAppError(error) || error instanceof RegistryError)
      return fail(io, error.message);
    throw error;
  }
}

/** `--bundle` with `--trusted-block`, or `--signed-release`: no network at all (see runOfflineVerify.ts). */
async function verifyOffline(
  file: string,
  values: {
    bundle?: string;
    "trusted-block"?: string;
    "signed-release"?: string;
    chain?: string;
    registry?: string;
    name?: string;
    json?: boolean;
    others?: string;
  },
  trust: Trust,
  io: CliIo,
): Promise<number> {
  const signedRelease = values["signed-release"];
  if (signedRelease !== undefined && values.bundle !== undefined)
    return fail(io, "give --bundle or --signed-release, not both");
  if (signedRelease === undefined && (values.bundle === undefined || values["trusted-block"] === undefined))
    return fail(io, "--bundle and --trusted-block go together: the bundle is checked against the block hash you trust");
  if (values.others !== undefined) return fail(io, "--others reads the chain: it cannot be used offline");
  const bundle = values.bundle ?? "";
  const trustedBlock = values["trusted-block"] ?? "";
  const pool = createNodeHashPool();
  const bar = createProgressBar(io.stderr);
  try {
    const report = await inspectFile(file, {
      hashPool: pool,
      signal: io.interrupt,
      onProgress: bar.update,
      archiveDigest: true,
    });
    bar.clear();
    const common = {
      file,
      report,
      chainArg: values.chain ?? "",
      registryArg: values.registry,
      projectRoot: PROJECT_ROOT,
      trust,
      requestedName: values.name ?? null,
      json: values.json === true,
    };
    const { result, text } =
      signedRelease !== undefined
        ? await runSignedReleaseVerify({
            ...common,
            signedReleasePath: signedRelease,
            now: Math.floor(Date.now() / 1000),
          })
        : await runOfflineVerify({ ...common, bundlePath: bundle, trustedBlock });
    io.stdout.write(text);
    return result.word === "VERIFIED" ? EXIT.ok : EXIT.tampered;
  } catch (error) {
    bar.clear();
    if (error instanceof InspectAbortedError) return EXIT.interrupted;
    if (error instanceof ImageEngineError || error instanceof BundleError || error instanceof ChainInputError)
      return fail(io, error.message);
    throw error;
  } finally {
    await pool.close();
  }
}
