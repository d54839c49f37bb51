// The work of `imageseal sign` (options in signCommand.ts).
import { writeFile } from "node:fs/promises";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { isAddressEqual } from "viem";
import { signRelease } from "../../chain/actions/signRelease.ts";
import { toAppError } from "../../chain/errors.ts";
import { formatUnixTime } from "../../chain/formatTime.ts";
import { serializeSignedRelease } from "../../chain/signedRelease.ts";
import { ImageEngineError, InspectAbortedError } from "../../image/errors.ts";
import type { CliIo } from "../command.ts";
import { loadSigningKey, type SigningKey, SigningKeyError } from "../keys/loadSigningKey.ts";
import { ChainInputError, type ResolvedChain, resolveChain } from "../verify/resolveChain.ts";
import { ArchiveReleaseError, type ArchiveReleases } from "./archiveReleases.ts";
import { type CommandDeps, processDeps, reporter, startCommand } from "./commandContext.ts";
import { DeadlineError, parseDeadline } from "./deadline.ts";
import { exitStatusOf, PUBLISH_EXIT } from "./exitStatus.ts";
import { inspectForPublishing } from "./inspectForPublishing.ts";
import { localWriteClients } from "./localWallet.ts";
import { reviewLines } from "./review.ts";
import { parsePublisher } from "./runPublish.ts";
import { SIGN_USAGE } from "./signUsage.ts";

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      chain: { type: "string" },
      registry: { type: "string" },
      for: { type: "string" },
      deadline: { type: "string" },
      output: { type: "string", short: "o" },
      image: { type: "string" },
      platform: { type: "string", multiple: true },
      keystore: { type: "string" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

export async function runSign(args: string[], io: CliIo, deps: CommandDeps = processDeps()): Promise<number> {
  const parsed = startCommand(io, "sign", SIGN_USAGE, args, parse);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const report = reporter(io, "sign", values.json === true);
  const [file, ...extra] = positionals;
  if (
    file === undefined ||
    extra.length > 0 ||
    values.name === undefined ||
    values.chain === undefined ||
    values.output === undefined
  ) {
    return reporter(io, "sign", values.json === true, SIGN_USAGE).fail(
      "give one archive, --name, --chain and -o <file>",
    );
  }
  const onBehalf = parsePublisher(values.for);
  if (onBehalf === null)
    return report.fail(
      `--for must be the publisher's full address (0x and 40 hex digits; mixed case must match its checksum): "${values.for}"`,
    );
  let deadline: bigint;
  try {
    deadline = parseDeadline(values.deadline, Date.now() / 1000);
  } catch (error) {
    if (error instanceof DeadlineError) return report.fail(error.message);
    throw error;
  }

  let releases: ArchiveReleases;
  try {
    // sign reads archives only: a reference is published online (imageseal publish <reference>).
    const noRegistry = () => {
      throw new Error("imageseal sign reads archives only");
    };
    releases = await inspectForPublishing(
      { kind: "file", path: file },
      { name: values.name, image: values.image, platforms: values.platform ?? [] },
      { pull: false, registryClient: noRegistry },
      io,
    );
  } catch (error) {
    if (error instanceof InspectAbortedError) return PUBLISH_EXIT.interrupted;
    if (error instanceof ArchiveReleaseError)
      return report.fail(error.message, PUBLISH_EXIT.badInput, "archive-refused", error.problems);
    if (error instanceof ImageEngineError) return report.fail(`${file}: ${error.message}`);
    throw error;
  }
  const [input, ...more] = releases.inputs;
  if (input === undefined || more.length > 0) {
    return report.fail(
      `A signed release holds one release, and this image has ${releases.inputs.length} platforms (${releases.platforms.join(", ")}): choose one with --platform, and sign each platform to its own file.`,
    );
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
    resolved = await resolveChain(values.chain, values.registry, { projectRoot: deps.projectRoot, env: deps.env });
  } catch (error) {
    if (error instanceof SigningKeyError || error instanceof ChainInputError) return report.fail(error.message);
    throw error;
  }
  const signer = key.account.address;
  const publisher = onBehalf !== undefined && !isAddressEqual(onBehalf, signer) ? onBehalf : undefined;
  const registry = resolved.registry.registry;
  report.say([
    "Review: a release to sign (no transaction, no gas)",
    ...reviewLines({
      source: basename(file),
      inputs: [input],
      platforms: releases.platforms,
      publisher: publisher ?? signer,
      signer,
      chain: resolved.chain,
      registry,
      extra: [`${"deadline".padEnd(16)}${formatUnixTime(deadline)}`],
    }),
  ]);

  let signed: Awaited<ReturnType<typeof signRelease>>;
  try {
    signed = await signRelease(
      localWriteClients(resolved, key.account),
      resolved.registry,
      input,
      deadline,
      publisher ? { publisher } : {},
    );
  } catch (error) {
    const appError = toAppError(error);
    return report.fail(appError.message, exitStatusOf(appError), appError.kind);
  }
  try {
    // "wx": an existing file (perhaps another signed release) is never replaced.
    await writeFile(values.output, serializeSignedRelease(signed), { flag: "wx" });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return report.fail(
      code === "EEXIST"
        ? `${values.output} already exists: remove it or choose another -o.`
        : `Cannot write ${values.output}: ${code ?? (error as Error).message}.`,
    );
  }
  const until = formatUnixTime(signed.deadline);
  if (values.json === true) {
    report.json({
      command: "sign",
      status: "signed",
      file: values.output,
      chainId: signed.chainId,
      registry: signed.registry,
      publisher: signed.publisher,
      signer: signed.signer,
      nonce: signed.nonce.toString(),
      deadline: signed.deadline.toString(),
      release: signed.release,
    });
  } else {
    report.say([
      `Signed for the publisher's nonce ${signed.nonce}; saved ${values.output}. Anyone can submit it (imageseal submit, or the Publish page) until ${until}, unless the publisher revokes a release or cancels its signatures first.`,
    ]);
  }
  return PUBLISH_EXIT.ok;
}
