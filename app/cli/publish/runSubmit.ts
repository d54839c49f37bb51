// The work of `imageseal submit` (options in submitCommand.ts).
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { submitSignedRelease } from "../../chain/actions/submitSignedRelease.ts";
import { isAppError, toAppError } from "../../chain/errors.ts";
import { formatUnixTime } from "../../chain/formatTime.ts";
import { parseSignedRelease, type SignedRelease } from "../../chain/signedRelease.ts";
import { validateSignedRelease } from "../../chain/validateSignedRelease.ts";
import type { CliIo } from "../command.ts";
import { loadSigningKey, type SigningKey, SigningKeyError } from "../keys/loadSigningKey.ts";
import { ChainInputError, type ResolvedChain, resolveChain } from "../verify/resolveChain.ts";
import { type CommandDeps, processDeps, reporter, startCommand, unattendedProblem } from "./commandContext.ts";
import { confirmSend } from "./confirmSend.ts";
import { exitStatusOf } from "./exitStatus.ts";
import { localWriteClients } from "./localWallet.ts";
import { reviewLines } from "./review.ts";
import { sendWrite } from "./sendWrite.ts";
import { SUBMIT_USAGE } from "./submitUsage.ts";

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      chain: { type: "string" },
      registry: { type: "string" },
      keystore: { type: "string" },
      yes: { type: "boolean", short: "y" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/**
 * The chain, and the registry: --registry, else the chain's known deployment, else the one the
 * file was signed for (validation then refuses a file signed for another registry than a known one).
 */
async function resolveFor(
  signed: SignedRelease,
  chainArg: string,
  registryArg: string | undefined,
  deps: CommandDeps,
): Promise<ResolvedChain> {
  const options = { projectRoot: deps.projectRoot, env: deps.env };
  try {
    return await resolveChain(chainArg, registryArg, options);
  } catch (error) {
    if (
      !(error instanceof ChainInputError) ||
      registryArg !== undefined ||
      !/No (?:local )?ImageRegistry/.test(error.message)
    )
      throw error;
    return resolveChain(chainArg, signed.registry, options);
  }
}

export async function runSubmit(args: string[], io: CliIo, deps: CommandDeps = processDeps()): Promise<number> {
  const parsed = startCommand(io, "submit", SUBMIT_USAGE, args, parse);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const report = reporter(io, "submit", values.json === true);
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0 || values.chain === undefined)
    return reporter(io, "submit", values.json === true, SUBMIT_USAGE).fail("give one signed-release file and --chain");
  const unattended = unattendedProblem(deps.prompter, values.yes, "Submit");
  if (unattended !== null) return report.fail(unattended);

  let signed: SignedRelease;
  try {
    signed = parseSignedRelease(await readFile(file, "utf8"));
  } catch (error) {
    if (isAppError(error)) return report.fail(`${file}: ${error.message}`, exitStatusOf(error), error.kind);
    return report.fail(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }

  let key: SigningKey;
  let resolved: ResolvedChain;
  try {
    key = await loadSigningKey({
      keystore: values.keystore,
      env: deps.env,
      prompter: deps.prompter,
      warn: report.note,
    });
    resolved = await resolveFor(signed, values.chain, values.registry, deps);
  } catch (error) {
    if (error instanceof SigningKeyError || error instanceof ChainInputError) return report.fail(error.message);
    throw error;
  }
  const registry = resolved.registry.registry;
  report.say([
    "Review: a signed release to submit (your key pays the gas; the release is the publisher's)",
    ...reviewLines({
      source: basename(file),
      inputs: [signed.release],
      platforms: [null],
      publisher: signed.publisher,
      signer: signed.signer,
      sender: key.account.address,
      chain: resolved.chain,
      registry,
      extra: [
        `${"nonce".padEnd(16)}${signed.nonce} (valid while it is the publisher's nonce)`,
        `${"deadline".padEnd(16)}${formatUnixTime(signed.deadline)}`,
      ],
    }),
  ]);

  // Said in the document's terms before anything is simulated (submitSignedRelease checks again).
  try {
    await validateSignedRelease(resolved.client, resolved.registry, signed);
  } catch (error) {
    const appError = toAppError(error, { subject: "publisher" });
    return report.fail(appError.message, exitStatusOf(appError), appError.kind);
  }
  const clients = localWriteClients(resolved, key.account, confirmSend(deps.prompter, values.yes, "Submit"));
  return sendWrite(
    report,
    { command: "submit", chain: resolved.chain, registry, json: values.json === true },
    (options) => submitSignedRelease(clients, resolved.registry, signed, options),
  );
}
