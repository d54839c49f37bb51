// The help text of `imageseal publish`: shown by the command list and by runPublish.ts on a usage error,
// in its own file so that the lazily loaded runner does not import its loader back.

export const KEY_OPTIONS_HELP = `keys (never on the command line):
  --keystore <file>    a Web3 Secret Storage v3 keystore (geth, Foundry \`cast wallet\`, ethers…);
                       its passphrase from IMAGESEAL_KEYSTORE_PASSWORD, or typed at a prompt
  IMAGESEAL_PRIVATE_KEY=0x…   a raw key in the environment, for throw-away CI keys (warns)`;

export const EXIT_HELP = `exit status:
  0  done
  1  the registry refused (e.g. already published; an expired or voided signature), in its words
  2  bad input: usage, an unreadable, tampered or unsupported archive, a key problem, an unknown
     chain, an RPC that does not answer
  3  you answered no`;

/** publish reads references too: a registry's refusal is bad input as well. */
const PUBLISH_EXIT_HELP = EXIT_HELP.replace(
  "an unknown\n     chain, an RPC that does not answer",
  "an unknown\n     chain, an RPC that does not answer, an image registry that refuses or cannot be reached\n     (401, 403, 404, 429, network), in its words",
);

export const PUBLISH_USAGE = `usage: imageseal publish <archive> --name <name> --chain <name|localhost|RPC URL>
                         [--registry <address>] [--for <publisher>] [--image <digest>]
                         [--platform <os/arch>]... [--keystore <file>] [--yes] [--json]
       imageseal publish <reference> [--name <name>] --chain <name|localhost|RPC URL>
                         [--reference] [--pull] [--registry <address>] [--for <publisher>]
                         [--platform <os/arch>]... [--keystore <file>] [--yes] [--json]

Inspects the archive as \`imageseal inspect\` does (a tampered or unsupported archive is refused
before any chain call), shows what will be recorded, simulates the transaction, asks
"Publish? [y/N]" and publishes: one release per platform of a multi-platform image (one
transaction), an image's name normalized as Docker reads it; a plain file by its sha256.

An image reference (ghcr.io/acme/api:1.4.2; an argument that is no existing path and parses
as one, or any argument with --reference) is read from its registry instead: the digests
recorded are the registry's (the index digest, each platform's manifest digest, the image ID
= its config's sha256), every manifest and config checked against its digest; credentials as
\`imageseal verify\` finds them (docker's or podman's config). The review says where each came from.

  --name <name>        e.g. docker.io/acme/api:1.4.2 (acme/api:1.4.2 is recorded in full);
                       for a reference, default: the reference itself
  --reference          the argument is an image reference, even if a file has that name
  --pull               (reference) also download every layer and check it first
  --chain <c>          as for \`imageseal verify\`: a chain name, localhost, or an RPC URL
  --registry <addr>    the ImageRegistry address (overrides the known deployment)
  --for <publisher>    publish on this publisher's behalf, as its delegate key (publishFor)
  --image <digest>     which image of an archive holding several (imageId or indexDigest)
  --platform <p>       publish only these platforms of a multi-platform image (repeat)
  --yes, -y            do not ask (needed when stdin is not a terminal, e.g. in CI)
  --json               print one JSON document (bigints as strings)
  -h, --help           show this help

${KEY_OPTIONS_HELP}

${PUBLISH_EXIT_HELP}
`;
