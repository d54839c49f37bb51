// What the claim subcommands share: their parsed options, the signing key and chain, the
// registry client (docker's credentials), the deps a live check needs, and the review lines.
import type { Address } from "viem";
import type { PrivateKeyAccount } from "viem/accounts";
import type { RegistryClient } from "../../registry/client.ts";
import type { CliIo } from "../command.ts";
import { loadSigningKey } from "../keys/loadSigningKey.ts";
import type { CommandDeps, Reporter } from "../publish/commandContext.ts";
import { cliRegistryClient, stderrNote } from "../registryAuth/cliRegistryClient.ts";
import { type ResolvedChain, resolveChain } from "../verify/resolveChain.ts";

interface ClaimOptions {
  chain: string;
  registry: string | undefined;
  keystore: string | undefined;
  out: string | undefined;
  /** claim check: whose claim to look for. */
  publisher: string | undefined;
  record: boolean;
  noRecord: boolean;
  yes: boolean;
  json: boolean;
}

export interface ClaimRun {
  /** "push", "list"… */
  subcommand: string;
  /** The one argument after the subcommand. */
  argument: string;
  options: ClaimOptions;
  io: CliIo;
  deps: CommandDeps;
  report: Reporter;
  /** Made on first use. */
  registryClient(): RegistryClient;
}

export function registryClientFor(io: CliIo, deps: CommandDeps, subcommand: string): () => RegistryClient {
  let client: RegistryClient | undefined;
  return () =>
    (client ??= cliRegistryClient({
      env: deps.env,
      note: stderrNote(io, `claim ${subcommand}`),
      signal: io.interrupt,
    }));
}

/** Rejects with ChainInputError (exit 2). */
export function chainOf(run: ClaimRun): Promise<ResolvedChain> {
  return resolveChain(run.options.chain, run.options.registry, {
    projectRoot: run.deps.projectRoot,
    env: run.deps.env,
  });
}

/** The key first (a passphrase prompt before any network), then the chain. Rejects with SigningKeyError or ChainInputError. */
export async function signerOf(run: ClaimRun): Promise<{ account: PrivateKeyAccount; resolved: ResolvedChain }> {
  const key = await loadSigningKey({
    keystore: run.options.keystore,
    env: run.deps.env,
    prompter: run.deps.prompter,
    warn: run.report.note,
  });
  return { account: key.account, resolved: await chainOf(run) };
}

/** What app/claims' checks need from this command. */
export function checkDepsOf(run: ClaimRun, resolved: ResolvedChain) {
  return {
    client: resolved.client,
    registry: resolved.registry.registry,
    chainId: resolved.chain.id,
    registryClient: run.registryClient(),
  };
}

const label = (text: string) => text.padEnd(13);

export function claimReview(rows: readonly [string, string][], publisher: Address, resolved: ResolvedChain): string[] {
  return [
    ...rows.map(([name, value]) => `  ${label(name)}${value}`),
    `  ${label("publisher")}${publisher} (the signing key)`,
    `  ${label("chain")}${resolved.chain.name} (chain id ${resolved.chain.id})`,
    `  ${label("registry")}${resolved.registry.registry}`,
  ];
}
