// The work of `imageseal publish` (options and exit statuses in publishCommand.ts).
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { type Address, getAddress, isAddress, isAddressEqual } from "viem";
import { publishForRelease } from "../../chain/actions/publishForRelease.ts";
import { publishRelease } from "../../chain/actions/publishRelease.ts";
import { publishReleaseBatch } from "../../chain/actions/publishReleaseBatch.ts";
import { ImageEngineError, InspectAbortedError } from "../../image/errors.ts";
import type { RegistryClient } from "../../registry/client.ts";
import { RegistryError } from "../../registry/errors.ts";
import type { CliIo } from "../command.ts";
import { loadSigningKey, type SigningKey, SigningKeyError } from "../keys/loadSigningKey.ts";
import { cliRegistryClient, stderrNote } from "../registryAuth/cliRegistryClient.ts";
import { ChainInputError, type ResolvedChain, resolveChain } from "../verify/resolveChain.ts";
import { classifyTarget, type VerifyTarget } from "../verify/verifyTarget.ts";
import { ArchiveReleaseError } from "./archiveReleases.ts";
import { type CommandDeps, processDeps, reporter, startCommand, unattendedProblem } from "./commandContext.ts";
import { confirmSend } from "./confirmSend.ts";
import { PUBLISH_EXIT } from "./exitStatus.ts";
import { type InspectedForPublishing, inspectForPublishing } from "./inspectForPublishing.ts";
import { localWriteClients } from "./localWallet.ts";
import { PUBLISH_USAGE } from "./publishUsage.ts";
import { reviewLines, sourceOf } from "./review.ts";
import { sendWrite } from "./sendWrite.ts";

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: "string" },
      chain: { type: "string" },
      registry: { type: "string" },
      for: { type: "string" },
      image: { type: "string" },
      platform: { type: "string", multiple: true },
      keystore: { type: "string" },
      reference: { type: "boolean" },
      pull: { type: "boolean" },
      yes: { type: "boolean", short: "y" },
      json: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
}

/** `--for`: a full address, mixed case only with a valid checksum (as the page's field). */
export function parsePublisher(text: string | undefined): Address | null | undefined {
  if (text === undefined) return undefined;
  return /^0x[0-9a-fA-F]{40}$/.test(text) && isAddress(text, { strict: true }) ? getAddress(text) : null;
}

export async function runPublish(args: string[], io: CliIo, deps: CommandDeps = processDeps()): Promise<number> {
  const parsed = startCommand(io, "publish", PUBLISH_USAGE, args, parse);
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  const report = reporter(io, "publish", values.json === true);
  const [file, ...extra] = positionals;
  if (file === undefined || extra.length > 0 || values.chain === undefined) {
    return reporter(io, "publish", values.json === true, PUBLISH_USAGE).fail(
      "give one archive or image reference, --name (for an archive) and --chain",
    );
  }
  let target: VerifyTarget;
  try {
    target = classifyTarget(file, values.reference === true);
  } catch (error) {
    if (error instanceof RegistryError) return report.fail(error.message);
    throw error;
  }
  if (target.kind === "file" && values.pull === true)
    return report.fail("--pull downloads a registry reference's layers; an archive's layers are always read");
  // By reference, the release is recorded under the reference unless --name says otherwise;
  // a digest names no tag to record (repo@sha256:… as a release name would match nothing).
  if (target.kind === "reference" && values.name === undefined && target.reference.tag === null) {
    return report.fail(
      `${target.reference.name} names a digest, not a tag: pass --name with the name to record it under (e.g. ${target.reference.repository}:1.0).`,
    );
  }
  const name = values.name ?? (target.kind === "reference" ? target.reference.name : undefined);
  if (name === undefined)
    return reporter(io, "publish", values.json === true, PUBLISH_USAGE).fail(
      "give one archive or image reference, --name (for an archive) and --chain",
    );
  const onBehalf = parsePublisher(values.for);
  if (onBehalf === null)
    return report.fail(
      `--for must be the publisher's full address (0x and 40 hex digits; mixed case must match its checksum): "${values.for}"`,
    );
  const unattended = unattendedProblem(deps.prompter, values.yes, "Publish");
  if (unattended !== null) return report.fail(unattended);

  let client: RegistryClient | undefined;
  const registryClient = () =>
    (client ??= cliRegistryClient({ env: deps.env, note: stderrNote(io, "publish"), signal: io.interrupt }));
  let releases: InspectedForPublishing;
  try {
    releases = await inspectForPublishing(
      target,
      { name, image: values.image, platforms: values.platform ?? [] },
      { pull: values.pull === true, registryClient },
      io,
    );
  } catch (error) {
    if (error instanceof InspectAbortedError || (error instanceof RegistryError && error.code === "aborted"))
      return PUBLISH_EXIT.interrupted;
    if (error instanceof ArchiveReleaseError)
      return report.fail(error.message, PUBLISH_EXIT.badInput, "archive-refused", error.problems);
    if (error instanceof ImageEngineError) return report.fail(`${file}: ${error.message}`);
    if (error instanceof RegistryError)
      return report.fail(error.message, PUBLISH_EXIT.badInput, `registry-${error.code}`);
    throw error;
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
  // Naming oneself with --for is publishing as oneself, as the page treats it.
  const publisher = onBehalf !== undefined && !isAddressEqual(onBehalf, signer) ? onBehalf : null;
  const registry = resolved.registry.registry;
  const { inputs } = releases;
  report.say([
    `Review: ${inputs.length === 1 ? "1 release" : `${inputs.length} releases (one per platform, in one transaction)`} to publish`,
    ...reviewLines({
      ...sourceOf(basename(file), releases.report),
      inputs,
      platforms: releases.platforms,
      publisher: publisher ?? signer,
      signer,
      chain: resolved.chain,
      registry,
    }),
  ]);

  const clients = localWriteClients(resolved, key.account, confirmSend(deps.prompter, values.yes, "Publish"));
  return sendWrite(
    report,
    { command: "publish", chain: resolved.chain, registry, json: values.json === true },
    (options) =>
      publisher !== null
        ? publishForRelease(clients, resolved.registry, publisher, inputs, options)
        : inputs.length === 1 && inputs[0] !== undefined
          ? publishRelease(clients, resolved.registry, inputs[0], options)
          : publishReleaseBatch(clients, resolved.registry, inputs, options),
  );
}
