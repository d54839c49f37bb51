// `imageseal verify <file> --chain <name|url> [--registry <address>] [--publisher <address>]... [--name <name>] [--json] [--others <n>]`
// The work lives in runVerify.ts, loaded on use: viem and the chain list add ~0.7 s to the
// start-up of every command, which `imageseal inspect` should not pay.
import type { CliIo, Command } from "../command.ts";

export const VERIFY_USAGE = `usage: imageseal verify <file> --chain <name|localhost|RPC URL> [--registry <address>]
                        [--publisher <address>]... [--name <name>] [--json] [--skip-name-scan]
                        [--others <n>]
       imageseal verify <file> --bundle <proof.json> --trusted-block <block hash>
                        --chain <name|id|localhost> [--registry <address>]
                        [--publisher <address>]... [--name <name>] [--json]
       imageseal verify <file> --signed-release <release.json> --chain <name|id|localhost>
                        [--registry <address>] [--publisher <address>]... [--name <name>] [--json]

Checks a container image archive (or any file) against its own digests, then against the
releases recorded in the ImageSeal registry, and says for each image:

  VERIFIED   intact, and a publisher you trust released it (under --name, when given)
  UNTRUSTED  intact and released, but only by publishers you did not pass with --publisher
  REVOKED    intact, but the trusted publisher revoked its release(s) of it, or the delegate
             key that published it for them is no longer authorised (revoked, expired)
  UNKNOWN    intact but released by nobody, or ImageSeal cannot check it (e.g. zstd layers)
  TAMPERED   the archive contradicts its own digests: a layer, the config or a blob changed

  --chain <c>          a chain with a known deployment (app/config/deployments.ts), e.g. sepolia;
                       localhost (VITE_LOCAL_RPC_URL or 127.0.0.1:8545, the registry from npm
                       start / Ignition); or an RPC URL (needs --registry unless the chain id
                       has a known deployment)
  --registry <addr>    the ImageRegistry address (overrides the known deployment)
  --publisher <addr>   a publisher you trust, for any name; repeat for several
  --name <name>        the name you expect, e.g. docker.io/acme/api:1.4.2 (Docker spellings
                       such as acme/api:1.4.2 compare equal); a trusted release under another
                       name does not count
  --json               print one JSON document: "verdict" overall and per target
  --skip-name-scan     do not scan the logs for other publishers of the names (faster on
                       long chains; name conflicts are then not reported)
  --others <n>         also list the newest n releases by other publishers of each digest
                       (anyone can add to them: a verification only counts them, "and 1,234
                       more"; this reads them, 100 per call)
  --bundle <file>      verify with no network: the registry's answer comes from a proof bundle
                       (imageseal bundle, or the page's "Download proof bundle"), checked
                       against --trusted-block; the verdict holds as of the bundle's block
  --trusted-block <h>  the hash of the bundle's block, from a source you trust (an explorer,
                       your own node): the header, the registry's account and every storage
                       word in the bundle must hash up to it
  --signed-release <f> verify against a signed-release file that was never submitted, by its
                       EIP-712 signature alone (a key's, not a contract account's or a
                       delegate's); whether it was revoked or cancelled cannot be known
  -h, --help           show this help

exit status:
  0  every image in the archive (or the file) is VERIFIED: an archive is loaded whole, so one
     unvouched image fails it; with --name, every image must be released under that name
     (a multi-platform image published under one name passes)
  1  anything else: UNTRUSTED, REVOKED, UNKNOWN or TAMPERED (also without --publisher)
  2  bad input: usage, an unreadable file, an unknown chain, an unreachable RPC, no registry,
     a bundle that does not check out (another chain, registry or block; a changed proof)
`;

async function run(args: string[], io: CliIo): Promise<number> {
  const { runVerify } = await import("./runVerify.ts");
  return runVerify(args, io);
}

export const verifyCommand: Command = { name: "verify", summary: "check an archive against the releases in the registry", usage: VERIFY_USAGE, run };
