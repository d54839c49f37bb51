import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { ClaimError } from "./claimError.ts";
import { isLoopbackDomain, parseClaimLocation } from "./claimLocation.ts";
import { registryHost, repository } from "./test/arbitraries.ts";

function refusal(location: string): string {
  try {
    parseClaimLocation(location);
  } catch (error) {
    assert.ok(error instanceof ClaimError, `not a ClaimError: ${String(error)}`);
    assert.equal(error.reason, "malformed");
    return error.message;
  }
  return assert.fail(`${location} was accepted`);
}

/** The loopback rule written independently: the host part, then its octets. */
function loopbackReference(domain: string): boolean {
  const host = domain.startsWith("[") ? domain.slice(0, domain.indexOf("]") + 1) : (domain.split(":")[0] ?? "");
  if (host === "localhost" || host === "[::1]") return true;
  const octets = host.split(".");
  return (
    octets.length === 4 && octets[0] === "127" && octets.every((o) => /^(0|[1-9]\d{0,2})$/.test(o) && Number(o) <= 255)
  );
}

describe("parseClaimLocation", () => {
  test("oci:// names a repository: its scope is domain/path as docker normalizes it, and the canonical location is oci://<scope>", () => {
    assert.deepEqual(parseClaimLocation("oci://ghcr.io/acme/api"), {
      kind: "repository",
      scope: "ghcr.io/acme/api",
      location: "oci://ghcr.io/acme/api",
    });
    assert.deepEqual(parseClaimLocation("oci://GHCR.io/acme/api"), {
      kind: "repository",
      scope: "ghcr.io/acme/api",
      location: "oci://ghcr.io/acme/api",
    });
    assert.deepEqual(parseClaimLocation("oci://index.docker.io/acme/api"), {
      kind: "repository",
      scope: "docker.io/acme/api",
      location: "oci://docker.io/acme/api",
    });
    assert.deepEqual(parseClaimLocation("oci://nginx"), {
      kind: "repository",
      scope: "docker.io/library/nginx",
      location: "oci://docker.io/library/nginx",
    });
    assert.deepEqual(parseClaimLocation("oci://127.0.0.1:5055/fixture/multi"), {
      kind: "repository",
      scope: "127.0.0.1:5055/fixture/multi",
      location: "oci://127.0.0.1:5055/fixture/multi",
    });
  });

  test("https:// names a host (with its port when written); a trailing slash is dropped", () => {
    assert.deepEqual(parseClaimLocation("https://acme.com"), {
      kind: "domain",
      scope: "acme.com",
      location: "https://acme.com",
    });
    assert.deepEqual(parseClaimLocation("https://Registry.Acme.com:8443/"), {
      kind: "domain",
      scope: "registry.acme.com:8443",
      location: "https://registry.acme.com:8443",
    });
  });

  test("http:// only for localhost, 127.0.0.0/8 and [::1]", () => {
    assert.deepEqual(parseClaimLocation("http://localhost:5099"), {
      kind: "domain",
      scope: "localhost:5099",
      location: "http://localhost:5099",
    });
    assert.deepEqual(parseClaimLocation("http://127.3.2.1:80"), {
      kind: "domain",
      scope: "127.3.2.1:80",
      location: "http://127.3.2.1:80",
    });
    assert.deepEqual(parseClaimLocation("http://[::1]:5000"), {
      kind: "domain",
      scope: "[::1]:5000",
      location: "http://[::1]:5000",
    });
    assert.match(refusal("http://acme.com"), /plain http.*Use https:\/\/acme\.com\./);
    assert.match(refusal("http://128.0.0.1:80"), /plain http/);
    assert.match(refusal("http://localhost.acme.com"), /plain http/);
  });

  test("refuses tags, digests, paths, queries, credentials, other schemes and Docker Hub namespaces written as hosts", () => {
    for (const location of [
      "oci://ghcr.io/acme/api:1.0",
      `oci://ghcr.io/acme/api@sha256:${"a".repeat(64)}`,
      "oci://ghcr.io/Acme/api",
      "oci://ghcr.io/acme/api/",
      "oci://",
      "https://acme.com/path",
      "https://acme.com?x=1",
      "https://acme.com#x",
      "https://user@acme.com",
      "https://acme",
      "https://",
      "ftp://acme.com",
      "HTTPS://acme.com",
      " https://acme.com",
      "ghcr.io/acme/api",
      "",
    ]) {
      assert.match(refusal(location), /Write oci:\/\/<registry>\/<repository>/, location);
    }
  });

  test("property: every repository of the grammar parses to itself, and the canonical location parses to the same claim", () => {
    fc.assert(
      fc.property(repository, ({ repository: name }) => {
        const parsed = parseClaimLocation(`oci://${name}`);
        assert.deepEqual(parsed, { kind: "repository", scope: name, location: `oci://${name}` });
        assert.deepEqual(parseClaimLocation(parsed.location), parsed);
      }),
    );
  });

  test("property: a host over https is always a domain claim; over http only when the independent loopback rule says so", () => {
    fc.assert(
      fc.property(registryHost, fc.constantFrom("http", "https"), (host, scheme) => {
        const location = `${scheme}://${host}`;
        if (scheme === "https" || loopbackReference(host)) {
          assert.deepEqual(parseClaimLocation(location), { kind: "domain", scope: host, location });
          assert.equal(isLoopbackDomain(host), loopbackReference(host));
        } else {
          assert.match(refusal(location), /plain http/);
        }
      }),
    );
  });

  test("property: any text is either refused with a ClaimError or parsed to a location that parses to itself", () => {
    const text = fc.oneof(
      fc.string(),
      fc.string().map((s) => `oci://${s}`),
      fc.string().map((s) => `https://${s}`),
      fc.string().map((s) => `http://${s}`),
    );
    fc.assert(
      fc.property(text, (location) => {
        let parsed: ReturnType<typeof parseClaimLocation>;
        try {
          parsed = parseClaimLocation(location);
        } catch (error) {
          assert.ok(error instanceof ClaimError);
          return;
        }
        assert.deepEqual(parseClaimLocation(parsed.location), parsed);
        assert.ok(parsed.location.length <= location.length + 30);
      }),
    );
  });
});
