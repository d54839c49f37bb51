// The RegistryClient every command uses: credentials found as docker and podman find them
// (registryCredentials.ts), Node's sha256, and Ctrl-C cancelling any request in flight.
// Where credentials came from is said on stderr (never what they are): a 401 or 403 is then
// easier to understand.
import { nodeSha256 } from "../../image/hash/nodeSha256.ts";
import { RegistryClient } from "../../registry/client.ts";
import type { CliIo } from "../command.ts";
import { terminalLine } from "../terminalText.ts";
import { registryCredentials } from "./registryCredentials.ts";

interface CliRegistryOptions {
  env: Record<string, string | undefined>;
  /** Where notes go (stderr), prefixed with the command's name. */
  note: (line: string) => void;
  signal: AbortSignal;
  /** Tests inject a fetch. */
  fetch?: typeof fetch;
}

export function cliRegistryClient(options: CliRegistryOptions): RegistryClient {
  const credentials = registryCredentials(
    { env: options.env, home: options.env.HOME, warn: options.note },
    (domain, source) => options.note(`using the credentials for ${domain} from ${source}`),
  );
  return new RegistryClient({
    credentials,
    sha256: nodeSha256,
    signal: options.signal,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}

/** A note writer for a command: one escaped line on stderr. */
export function stderrNote(io: CliIo, command: string): (line: string) => void {
  return (line) => io.stderr.write(terminalLine(`imageseal ${command}: ${line}`));
}
