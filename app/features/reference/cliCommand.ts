// The command a user runs instead when the page cannot read a registry (it forbids browsers):
// the same check with the CLI, on the same chain and registry, trusting the same publishers.
import type { Address } from "viem";

/** Characters a POSIX shell reads literally: anything else is single-quoted. */
const SHELL_SAFE = /^[A-Za-z0-9@%+=:,./_-]+$/;

export function shellQuote(value: string): string {
  if (SHELL_SAFE.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

interface VerifyCommandInput {
  reference: string;
  /** The chain's RPC URL: exact for a local chain and a public one alike. */
  rpcUrl: string;
  registry: Address;
  /** Publishers trusted for the name; none (and no scope) → a placeholder the user fills in. */
  publishers: readonly Address[];
  /** Trusted scopes that include the name's repository ("trust whoever proves control of …"). */
  namespaces?: readonly string[];
  /** The name asked for, when it is not the reference itself. */
  name: string | null;
}

/** `imageseal verify <ref> --chain … --registry … --publisher …`, every value quoted for a shell. */
export function verifyCommand(input: VerifyCommandInput): string {
  const parts = [
    "imageseal",
    "verify",
    shellQuote(input.reference),
    "--chain",
    shellQuote(input.rpcUrl),
    "--registry",
    input.registry,
  ];
  const namespaces = input.namespaces ?? [];
  if (input.publishers.length === 0 && namespaces.length === 0) parts.push("--publisher", "<publisher address>");
  for (const publisher of input.publishers) parts.push("--publisher", publisher);
  for (const scope of namespaces) parts.push("--namespace", shellQuote(scope));
  if (input.name !== null && input.name !== input.reference) parts.push("--name", shellQuote(input.name));
  return parts.join(" ");
}

/** `imageseal publish <ref> --chain … --registry …`: the CLI reads the identities from the registry itself. */
export function publishCommand(input: Pick<VerifyCommandInput, "reference" | "rpcUrl" | "registry">): string {
  return [
    "imageseal",
    "publish",
    shellQuote(input.reference),
    "--chain",
    shellQuote(input.rpcUrl),
    "--registry",
    input.registry,
  ].join(" ");
}
