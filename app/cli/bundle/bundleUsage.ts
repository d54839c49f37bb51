// The help text of `imageseal bundle`: shown by the command list and by runBundle.ts on a usage error,
// in its own file so that the lazily loaded runner does not import its loader back.

export const BUNDLE_USAGE = `usage: imageseal bundle <file|sha256:<hex>> --chain <name|localhost|RPC URL> [--registry <address>]
                        --publisher <address>... [--name <name>] [--block <number>] -o <proof.json>

Writes a proof bundle: what an air-gapped host needs to verify the file (or the digest) against
the registry with no network. For each publisher given, its releases naming the file's digests
and their revocation state as of one block, with eth_getProof Merkle proofs of the registry's
storage and that block's header. Verify it later with
  imageseal verify <file> --bundle proof.json --trusted-block <block hash> --chain … --publisher …
where the block hash comes from a source you trust (a block explorer, your own node, a colleague):
everything in the bundle is checked against that one hash.

  --chain <c>          as for imageseal verify
  --registry <addr>    the ImageRegistry address (overrides the known deployment)
  --publisher <addr>   a publisher the verifier will trust; repeat for several (the bundle covers
                       only these: other publishers' releases are counted, not included)
  --name <name>        also include each publisher's history of this name (the verifier then
                       knows whether it is the publisher's current release of the name)
  --block <n>          prove at this block (default: the latest)
  -o, --output <file>  where to write the bundle
  --json               print a JSON summary instead of text
  -h, --help           show this help

exit status: 0 written; 2 bad input, an unreadable file, an unreachable RPC, no registry
`;
