// The help text of `imageseal sign`: shown by the command list and by runSign.ts on a usage error,
// in its own file so that the lazily loaded runner does not import its loader back.
import { EXIT_HELP, KEY_OPTIONS_HELP } from "./publishUsage.ts";

export const SIGN_USAGE = `usage: imageseal sign <archive> --name <name> --chain <name|localhost|RPC URL> -o <file>
                      [--registry <address>] [--for <publisher>] [--deadline <days|ISO date>]
                      [--image <digest>] [--platform <os/arch>] [--keystore <file>] [--json]

Signs one release of the archive (EIP-712, no transaction, no gas) and writes it to a file
that anyone can submit with \`imageseal submit\` or on the Publish page. The signature is for
the publisher's current nonce: it stops working at the deadline, or as soon as the publisher
revokes a release or cancels its signatures.

  -o, --output <file>  where to write the signed release (not overwritten if it exists)
  --deadline <d>       days from now (default 7), or an ISO date such as 2026-12-31T00:00:00Z
  --for <publisher>    sign as this publisher's delegate key
  (--name, --chain, --registry, --image, --platform, --json as for \`imageseal publish\`;
   a multi-platform image needs one --platform: a file holds one release)

${KEY_OPTIONS_HELP}

${EXIT_HELP.replace("\n  3  you answered no", "")}
`;
