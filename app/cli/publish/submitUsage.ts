// The help text of `imageseal submit`: shown by the command list and by runSubmit.ts on a usage error,
// in its own file so that the lazily loaded runner does not import its loader back.
import { EXIT_HELP, KEY_OPTIONS_HELP } from "./publishUsage.ts";

export const SUBMIT_USAGE = `usage: imageseal submit <release.json> --chain <name|localhost|RPC URL> [--registry <address>]
                        [--keystore <file>] [--yes] [--json]

Checks a signed-release file (its chain and registry, the signature, the deadline, the
publisher's nonce, a delegate signer's grant), shows what it records, simulates, asks
"Submit? [y/N]" and publishes it from your key, which pays the gas; the release is the
publisher's. The registry is the file's unless --registry or the chain's deployment says.

  --yes, -y            do not ask (needed when stdin is not a terminal)
  --json               print one JSON document (bigints as strings)

${KEY_OPTIONS_HELP}

${EXIT_HELP}
`;
