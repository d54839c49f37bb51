// Where a claim lives, as a publisher records it on chain: "oci://<repository>" (the artifact
// under the repository's tag imageseal-claim) or "https://<host>" (the host's
// /.well-known/imageseal.json; "http://" only for this machine's loopback hosts, as docker
// allows plain HTTP registries only there). The contract stores the text as given; this is the
// one reader of it, and `location` in the result is the canonical spelling to record.
import type { ClaimLocation } from "./claimCheck.ts";
import { ClaimError } from "./claimError.ts";
import { parseDomain, parseRepository } from "./scope.ts";

const HOW =
  "Write oci://<registry>/<repository> (e.g. oci://ghcr.io/acme/api) or https://<domain> (e.g. https://acme.com).";

/** localhost, 127.0.0.0/8 and [::1], with any port. */
export function isLoopbackDomain(domain: string): boolean {
  const host = domain.startsWith("[") ? domain.slice(0, domain.indexOf("]") + 1) : domain.replace(/:\d+$/, "");
  return host === "localhost" || host === "[::1]" || /^127(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$/.test(host);
}

export function parseClaimLocation(location: string): ClaimLocation {
  const oci = /^oci:\/\/(.+)$/.exec(location);
  if (oci !== null) {
    const repository = parseRepository(oci[1] ?? "");
    if (repository === null)
      throw new ClaimError(
        "malformed",
        `${JSON.stringify(location)} does not name a repository (no tag or digest). ${HOW}`,
      );
    return { kind: "repository", scope: repository.repository, location: `oci://${repository.repository}` };
  }
  const web = /^(https?):\/\/([^/?#]+)\/?$/.exec(location);
  const domain = web === null ? null : parseDomain(web[2] ?? "");
  if (web === null || domain === null)
    throw new ClaimError("malformed", `${JSON.stringify(location)} is not a claim location. ${HOW}`);
  const scheme = web[1] as "http" | "https";
  if (scheme === "http" && !isLoopbackDomain(domain)) {
    throw new ClaimError(
      "malformed",
      `${JSON.stringify(location)} uses plain http, which anyone on the network could answer for; only this machine's hosts (localhost, 127.0.0.1, [::1]) may. Use https://${domain}.`,
    );
  }
  return { kind: "domain", scope: domain, location: `${scheme}://${domain}` };
}
