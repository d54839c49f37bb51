// The help text of `imageseal claim`: shown by the command list and by runClaim.ts on a usage error,
// in its own file so that the lazily loaded runner does not import its loader back.
import { KEY_OPTIONS_HELP } from "../publish/publishUsage.ts";

export const CLAIM_USAGE = `usage: imageseal claim push <repository> --chain <c> [--registry <address>] [--no-record]
                             [--keystore <file>] [--yes] [--json]
       imageseal claim well-known <domain> --out <file> --chain <c> [--registry <address>]
                             [--record] [--keystore <file>] [--yes] [--json]
       imageseal claim record <location> --chain <c> [--registry <address>] [--keystore <file>]
                             [--yes] [--json]
       imageseal claim withdraw <index> --chain <c> [--registry <address>] [--keystore <file>]
                             [--yes] [--json]
       imageseal claim list <publisher> --chain <c> [--registry <address>] [--json]
       imageseal claim check <location> --publisher <address> --chain <c> [--registry <address>]
                             [--json]

A claim says "the publisher 0x… controls <scope>". It is a document signed by the publisher's
key (EIP-712: publisher, scope, chain, ImageSeal registry) put where only the scope's
controller can write it, and its location recorded on chain so that verifiers find it from
the address. Verifiers check it live, each time: a claim whose document is gone or wrong
counts for nothing.

  push <repository>    sign a claim for the repository (ghcr.io/acme/api, 127.0.0.1:5055/team/app)
                       and push it there as an OCI artifact under the tag imageseal-claim,
                       keeping the claims it already holds (needs push rights: docker's or
                       podman's credentials), then record oci://<repository> on chain.
                       Proves push rights to that one repository, never to its namespace
  well-known <domain>  sign a claim for the host (acme.com, registry.acme.com, localhost:5099)
                       and write the document to --out: serve it at
                       https://<domain>/.well-known/imageseal.json. Proves control of the host,
                       and for a registry served there, of every repository on it
  record <location>    record a location on chain: oci://<repository> or https://<domain>
                       (http://localhost:PORT, http://127.0.0.1:PORT for tests)
  withdraw <index>     withdraw your claim at that index (claim list shows them): verifiers
                       stop reading it; it stays listed as withdrawn
  list <publisher>     every claim the publisher recorded, each checked now: proven, or why
                       not (gone, signature, another chain or registry, unreachable…)
  check <location>     check one location for --publisher now, recorded or not (e.g. a
                       well-known file before recording it)

  --chain <c>          as for \`imageseal verify\`: a chain name, localhost, or an RPC URL
  --registry <addr>    the ImageRegistry address (overrides the known deployment)
  --no-record          (push) push the artifact only; record it later with claim record
  --record             (well-known) also record https://<domain> now (before the file is
                       served, checks say "unreachable" or "gone")
  --out <file>         (well-known) where to write imageseal.json; claims already in it
                       (other publishers', other chains') are kept
  --publisher <addr>   (check) whose claim to look for at the location
  --yes, -y            do not ask (needed when stdin is not a terminal, e.g. in CI)
  --json               print one JSON document
  -h, --help           show this help

${KEY_OPTIONS_HELP}

exit status:
  0  done (list: the claims were read, whatever their checks say; check: proven)
  1  the ImageSeal registry refused (32 claims already recorded, already withdrawn…), in its
     words; check: the claim does not check out
  2  bad input: usage, not a repository, domain or location, a key problem, an unknown chain,
     an RPC that does not answer, an image registry that refuses the push or cannot be reached
  3  you answered no
`;
