// The help text of `imageseal verify`: shown by the command list and by runVerify.ts on a usage error,
// in its own file so that the lazily loaded runner does not import its loader back.

export const VERIFY_USAGE = `usage: imageseal verify <file|reference> --chain <name|localhost|RPC URL> [--registry <address>]
                        [--publisher <address>]... [--namespace <scope>]... [--name <name>]
                        [--reference] [--pull] [--json] [--skip-name-scan] [--skip-claims]
                        [--others <n>]
       imageseal verify <file> --bundle <proof.json> --trusted-block <block hash>
                        --chain <name|id|localhost> [--registry <address>]
                        [--publisher <address>]... [--name <name>] [--json]
       imageseal verify <file> --signed-release <release.json> --chain <name|id|localhost>
                        [--registry <address>] [--publisher <address>]... [--name <name>] [--json]

Checks a container image archive (or any file), or an image reference on a registry
(ghcr.io/acme/api:1.4.2, 127.0.0.1:5055/team/app@sha256:…), against its own digests, then
against the releases recorded in the ImageSeal registry, and says for each image:

  VERIFIED   intact, and a publisher you trust released it (under --name, when given)
  UNTRUSTED  intact and released, but only by publishers you did not pass with --publisher
             (or that proved no control of a --namespace)
  REVOKED    intact, but the trusted publisher revoked its release(s) of it, or the delegate
             key that published it for them is no longer authorised (revoked, expired)
  UNKNOWN    intact but released by nobody, or ImageSeal cannot check it (e.g. zstd layers)
  TAMPERED   the archive (or what the registry served) contradicts its own digests: a layer,
             the config, a manifest or a blob changed

An argument that is an existing path is a file; otherwise one that parses as an image
reference is a reference (names ending .tar, .tar.gz, .json… stay files unless they start with
a registry host). A reference is read as docker pull reads it: the tag resolved to its
manifest or index, every platform's manifest and config fetched and checked against its
digest; credentials come from docker's config (~/.docker/config.json, $DOCKER_CONFIG, its
credential helpers) or podman's auth.json, else anonymous. Without --name the reference is
the name asked about: "is what ghcr.io/acme/api:1.4.2 serves what a trusted publisher
released under that name".

  --chain <c>          a chain with a known deployment (app/config/deployments.ts), e.g. sepolia;
                       localhost (VITE_LOCAL_RPC_URL or 127.0.0.1:8545, the registry from npm
                       start / Ignition); or an RPC URL (needs --registry unless the chain id
                       has a known deployment; the local chain's URL finds npm start's, as
                       localhost does)
  --registry <addr>    the ImageRegistry address (overrides the known deployment)
  --publisher <addr>   a publisher you trust, for any name; repeat for several
  --namespace <scope>  trust whoever proves control of a repository (ghcr.io/acme/api), a
                       namespace (ghcr.io/acme) or a host (registry.acme.com), for names under
                       it: a publisher counts when a claim it recorded on chain checks out now
                       (imageseal claim) and covers the name's own repository; repeat for several
  --name <name>        the name you expect, e.g. docker.io/acme/api:1.4.2 (Docker spellings
                       such as acme/api:1.4.2 compare equal); a trusted release under another
                       name does not count. Default for a reference: the reference
  --reference          the argument is an image reference, even if a file has that name
  --pull               (reference) also download every layer and check it against its digest
                       and diff_id, as docker pull does; progress on stderr
  --skip-claims        do not read or check publishers' claims (imageseal claim list shows them)
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
     a bundle that does not check out (another chain, registry or block; a changed proof);
     an image registry that refuses or cannot be reached (401, 403, 404, 429, network), in
     its words
`;
