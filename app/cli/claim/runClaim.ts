// The work of `imageseal claim <subcommand>` (options and exit statuses in claimCommand.ts).
import { parseArgs } from "node:util";
import { isAppError } from "../../chain/errors.ts";
import { RegistryError } from "../../registry/errors.ts";
import type { CliIo } from "../command.ts";
import { SigningKeyError } from "../keys/loadSigningKey.ts";
import { type CommandDeps, processDeps, reporter, startCommand } from "../publish/commandContext.ts";
import { PUBLISH_EXIT } from "../publish/exitStatus.ts";
import { ChainInputError } from "../verify/resolveChain.ts";
import { claimCheck } from "./claimCheckCommand.ts";
import { type ClaimRun, registryClientFor } from "./claimContext.ts";
import { claimList } from "./claimList.ts";
import { claimPush } from "./claimPush.ts";
import { claimRecord, claimWithdraw } from "./claimRecord.ts";
import { ClaimError } from "./claimsApi.ts";
import { CLAIM_USAGE } from "./claimUsage.ts";
import { claimWellKnown } from "./claimWellKnown.ts";

const SUBCOMMANDS: Record<string, (run: ClaimRun) => Promise<number>> = {
  push: claimPush,
  "well-known": claimWellKnown,
  record: claimRecord,
  withdraw: claimWithdraw,
  list: claimList,
  check: claimCheck,
};

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      chain: { type: "string" },
      registry: { type: "string" },
      keystore: { type: "string" },
      out: { type: "string" },
      publisher: { type: "string" },
      record: { type: "boolean" },
      "no-record": { type: "boolean" },
      yes: { type: "boolean", short: "y" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

export async function runClaim(args: string[], io: CliIo, deps: CommandDeps = processDeps()): Promise<number> {
  const json = args.includes("--json");
  const command = `claim${args[0] !== undefined && args[0] in SUBCOMMANDS ? ` ${args[0]}` : ""}`;
  const parsed = startCommand(io, command, CLAIM_USAGE, args, parse);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const [subcommand, argument, ...extra] = positionals;
  const work = subcommand === undefined ? undefined : SUBCOMMANDS[subcommand];
  if (work === undefined || subcommand === undefined)
    return reporter(io, command, json, CLAIM_USAGE).fail(
      subcommand === undefined
        ? "give a subcommand: push, well-known, record, withdraw, list or check"
        : `unknown subcommand "${subcommand}"`,
    );
  if (argument === undefined || extra.length > 0 || values.chain === undefined)
    return reporter(io, command, json, CLAIM_USAGE).fail(
      `give one ${subcommand === "list" ? "publisher" : subcommand === "withdraw" ? "index" : subcommand === "record" || subcommand === "check" ? "location" : subcommand === "push" ? "repository" : "domain"} and --chain`,
    );
  if (values.record === true && subcommand !== "well-known")
    return reporter(io, command, json).fail("--record is for claim well-known (push records unless --no-record)");
  if (values["no-record"] === true && subcommand !== "push")
    return reporter(io, command, json).fail("--no-record is for claim push");
  if (values.publisher !== undefined && subcommand !== "check")
    return reporter(io, command, json).fail(
      `--publisher is for claim check${subcommand === "list" ? "; claim list takes the publisher as its argument" : ""}`,
    );
  const report = reporter(io, command, values.json === true);
  const run: ClaimRun = {
    subcommand,
    argument,
    options: {
      chain: values.chain,
      registry: values.registry,
      keystore: values.keystore,
      out: values.out,
      publisher: values.publisher,
      record: values.record === true,
      noRecord: values["no-record"] === true,
      yes: values.yes === true,
      json: values.json === true,
    },
    io,
    deps,
    report,
    registryClient: registryClientFor(io, deps, subcommand),
  };
  try {
    return await work(run);
  } catch (error) {
    if (error instanceof RegistryError && error.code === "aborted") return PUBLISH_EXIT.interrupted;
    if (
      error instanceof SigningKeyError ||
      error instanceof ChainInputError ||
      error instanceof ClaimError ||
      error instanceof RegistryError
    )
      return report.fail(
        error.message,
        PUBLISH_EXIT.badInput,
        error instanceof RegistryError ? `registry-${error.code}` : "bad-input",
      );
    if (isAppError(error)) return report.fail(error.message, PUBLISH_EXIT.badInput, error.kind);
    throw error;
  }
}
