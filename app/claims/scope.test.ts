import assert from "node:assert/strict";
import { describe, test } from "node:test";
import fc from "fast-check";
import { parseClaimLocation } from "./claimLocation.ts";
import { claimCovers, normalizeClaimScope, normalizeScope, parseTrustedScope, scopeIncludes } from "./scope.ts";
import { pathComponent, registryHost, repository } from "./test/arbitraries.ts";

const claim = (location: string) => parseClaimLocation(location);

describe("claimCovers: a proven claim covers exactly its repository, or exactly its host", () => {
  test("a repository claim covers that repository (any spelling, any tag) and nothing else", () => {
    const api = claim("oci://ghcr.io/acme/api");
    assert.equal(claimCovers(api, "ghcr.io/acme/api"), true);
    assert.equal(claimCovers(api, "GHCR.io/acme/api:1.4.2"), true);
    assert.equal(claimCovers(api, `ghcr.io/acme/api@sha256:${"a".repeat(64)}`), true);
    for (const other of [
      "ghcr.io/acme/web",
      "ghcr.io/acme/api-evil",
      "ghcr.io/acme/apix",
      "ghcr.io/acme/api/sub",
      "ghcr.io/acme",
      "ghcr.io/acmex/api",
      "docker.io/acme/api",
      "quay.io/acme/api",
    ]) {
      assert.equal(claimCovers(api, other), false, other);
    }
  });

  test("a claim in one repository grants nothing in another: a/one proves nothing about a/two", () => {
    const one = claim("oci://127.0.0.1:5055/a/one");
    assert.equal(claimCovers(one, "127.0.0.1:5055/a/one"), true);
    assert.equal(claimCovers(one, "127.0.0.1:5055/a/two"), false);
    assert.equal(claimCovers(one, "127.0.0.1:5056/a/one"), false, "another port is another registry");
  });

  test("Docker Hub spellings are one repository: nginx, docker.io/library/nginx, index.docker.io/library/nginx", () => {
    const nginx = claim("oci://docker.io/library/nginx");
    for (const spelling of [
      "nginx",
      "nginx:latest",
      "library/nginx",
      "docker.io/nginx",
      "index.docker.io/library/nginx",
    ])
      assert.equal(claimCovers(nginx, spelling), true, spelling);
    assert.equal(claimCovers(nginx, "docker.io/acme/nginx"), false);
  });

  test("a domain claim covers the repositories of exactly that host and port", () => {
    const acme = claim("https://registry.acme.com");
    assert.equal(claimCovers(acme, "registry.acme.com/team/api"), true);
    assert.equal(claimCovers(acme, "registry.acme.com/x"), true);
    for (const other of [
      "acme.com/team/api",
      "sub.registry.acme.com/team/api",
      "registry.acme.com.evil.io/team/api",
      "registry.acme.com:5000/team/api",
      "team/api",
    ]) {
      assert.equal(claimCovers(acme, other), false, other);
    }
    assert.equal(claimCovers(claim("http://localhost:5099"), "localhost:5099/a/b"), true);
    assert.equal(claimCovers(claim("http://localhost:5099"), "localhost:5098/a/b"), false);
  });

  test("something that is not a repository is covered by nothing", () => {
    assert.equal(claimCovers(claim("https://acme.com"), "not a name"), false);
  });
});

describe("normalizing scopes as typed", () => {
  test("normalizeClaimScope: a repository (docker's normalization, library/ included) or a host; anything else null", () => {
    assert.equal(normalizeClaimScope("GHCR.io/acme/api"), "ghcr.io/acme/api");
    assert.equal(normalizeClaimScope("docker.io/nginx"), "docker.io/library/nginx");
    assert.equal(normalizeClaimScope("Registry.Acme.com"), "registry.acme.com");
    assert.equal(normalizeClaimScope("localhost:5099"), "localhost:5099");
    for (const text of ["acme", "ghcr.io/acme/api:1.0", "https://acme.com", "", "Acme/api"])
      assert.equal(normalizeClaimScope(text), null, text);
  });

  test("normalizeScope: a trusted scope as stored (Docker Hub namespaces without library/, spaces and a trailing slash dropped)", () => {
    assert.equal(normalizeScope(" GHCR.io/acme/ "), "ghcr.io/acme");
    assert.equal(normalizeScope("index.docker.io/acme"), "docker.io/acme");
    assert.equal(normalizeScope("Registry.Acme.com"), "registry.acme.com");
    for (const text of ["acme", "ghcr.io/acme/api:1.0", "https://acme.com", ""])
      assert.equal(normalizeScope(text), null, text);
  });
});

describe("scopeIncludes: a user's trusted scope", () => {
  test("a namespace includes its repositories at component boundaries only", () => {
    assert.equal(scopeIncludes("ghcr.io/acme", "ghcr.io/acme/api"), true);
    assert.equal(scopeIncludes("ghcr.io/acme", "ghcr.io/acme/team/api:1.0"), true);
    assert.equal(scopeIncludes("ghcr.io/acme", "ghcr.io/acmex/api"), false);
    assert.equal(scopeIncludes("ghcr.io/acme", "ghcr.io/acme"), true, "the namespace as a repository itself");
    assert.equal(scopeIncludes("ghcr.io/acme", "docker.io/acme/api"), false);
    assert.equal(scopeIncludes("ghcr.io/acme/", "ghcr.io/acme/api"), true, "a trailing slash is the same scope");
  });

  test("a repository scope includes itself and what is below it, never a sibling", () => {
    assert.equal(scopeIncludes("ghcr.io/acme/api", "ghcr.io/acme/api"), true);
    assert.equal(scopeIncludes("ghcr.io/acme/api", "ghcr.io/acme/api/worker"), true);
    assert.equal(scopeIncludes("ghcr.io/acme/api", "ghcr.io/acme/api-evil"), false);
    assert.equal(scopeIncludes("ghcr.io/acme/api", "ghcr.io/acme/apix"), false);
  });

  test("a host includes every repository on it, and only on it", () => {
    assert.equal(scopeIncludes("registry.acme.com", "registry.acme.com/a/b"), true);
    assert.equal(scopeIncludes("Registry.Acme.com", "registry.acme.com/a"), true);
    assert.equal(scopeIncludes("registry.acme.com", "registry.acme.com:5000/a"), false);
    assert.equal(scopeIncludes("acme.com", "registry.acme.com/a"), false);
    assert.equal(scopeIncludes("localhost:5055", "localhost:5055/fixture/multi"), true);
  });

  test("Docker Hub: namespaces are written without library/; docker.io, index.docker.io and no host at all are one", () => {
    assert.equal(scopeIncludes("docker.io/acme", "acme/api"), true);
    assert.equal(scopeIncludes("index.docker.io/acme", "docker.io/acme/api"), true);
    assert.equal(scopeIncludes("acme/api", "docker.io/acme/api:1"), true);
    assert.equal(scopeIncludes("docker.io/library", "nginx"), true);
    assert.equal(scopeIncludes("docker.io/library/nginx", "nginx:latest"), true);
    assert.equal(scopeIncludes("docker.io/acme", "nginx"), false);
    assert.equal(scopeIncludes("docker.io/acme", "ghcr.io/acme/api"), false);
  });

  test("a text that is no scope includes nothing: a bare word, a tag, a digest, an empty text", () => {
    for (const scope of [
      "acme",
      "",
      "ghcr.io/acme/api:1.0",
      `ghcr.io/acme@sha256:${"a".repeat(64)}`,
      "ghcr.io/Acme",
      "https://acme.com",
    ]) {
      assert.equal(parseTrustedScope(scope), null, scope);
      assert.equal(scopeIncludes(scope, "ghcr.io/acme/api"), false, scope);
    }
  });

  test("parseTrustedScope: kinds and normalized parts", () => {
    assert.deepEqual(parseTrustedScope("ghcr.io/acme"), { kind: "namespace", domain: "ghcr.io", path: "acme" });
    assert.deepEqual(parseTrustedScope("docker.io/acme"), { kind: "namespace", domain: "docker.io", path: "acme" });
    assert.deepEqual(parseTrustedScope("acme/api"), { kind: "namespace", domain: "docker.io", path: "acme/api" });
    assert.deepEqual(parseTrustedScope("REGISTRY.acme.com"), { kind: "domain", domain: "registry.acme.com" });
  });

  test("property: a namespace includes a repository exactly when the repository's path components start with the namespace's (same host)", () => {
    fc.assert(
      fc.property(
        registryHost,
        fc.array(pathComponent, { minLength: 1, maxLength: 3 }),
        fc.array(pathComponent, { minLength: 1, maxLength: 4 }),
        (host, scopePath, repoPath) => {
          fc.pre(host !== "docker.io");
          const expected =
            scopePath.length <= repoPath.length && scopePath.every((component, i) => component === repoPath[i]);
          assert.equal(scopeIncludes(`${host}/${scopePath.join("/")}`, `${host}/${repoPath.join("/")}`), expected);
        },
      ),
    );
  });

  test("property: a repository claim covers exactly one repository among any two", () => {
    fc.assert(
      fc.property(repository, repository, (a, b) => {
        assert.equal(
          claimCovers(parseClaimLocation(`oci://${a.repository}`), b.repository),
          a.repository === b.repository,
        );
      }),
    );
  });
});
