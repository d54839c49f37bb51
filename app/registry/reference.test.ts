import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseRetryAfter, RegistryError } from "./errors.ts";
import { parseImageReference, registryBaseUrl } from "./reference.ts";

const DIGEST = `sha256:${"ab".repeat(32)}`;

describe("parseImageReference", () => {
  it("normalizes as docker does: docker.io, library/ and :latest", () => {
    assert.deepEqual(parseImageReference("nginx"), {
      domain: "docker.io",
      path: "library/nginx",
      tag: "latest",
      digest: null,
      repository: "docker.io/library/nginx",
      name: "docker.io/library/nginx:latest",
    });
  });

  it("keeps the registry's port and lower-cases the host", () => {
    const ref = parseImageReference("127.0.0.1:5055/fixture/multi:2.0");
    assert.equal(ref.domain, "127.0.0.1:5055");
    assert.equal(ref.repository, "127.0.0.1:5055/fixture/multi");
    assert.equal(parseImageReference("GHCR.io/acme/api:1").name, "ghcr.io/acme/api:1");
  });

  it("keeps the tag beside a digest, and gives a digest reference no :latest", () => {
    assert.equal(parseImageReference(`ghcr.io/a/b:1.0@${DIGEST}`).name, `ghcr.io/a/b:1.0@${DIGEST}`);
    const byDigest = parseImageReference(`ghcr.io/a/b@${DIGEST}`);
    assert.equal(byDigest.tag, null);
    assert.equal(byDigest.digest, DIGEST);
    assert.equal(byDigest.name, `ghcr.io/a/b@${DIGEST}`);
  });

  it("refuses what is not a reference with bad-reference, and other digest algorithms with unsupported", () => {
    for (const text of ["", "a/UPPER", "a:b:c", "ghcr.io/a/b@sha256:abc", "x".repeat(300)]) {
      assert.throws(
        () => parseImageReference(text),
        (e: unknown) => e instanceof RegistryError && e.code === "bad-reference",
        text,
      );
    }
    assert.throws(
      () => parseImageReference(`a/b@sha512:${"0".repeat(128)}`),
      (e: unknown) => e instanceof RegistryError && e.code === "unsupported",
    );
  });
});

describe("registryBaseUrl", () => {
  it("serves docker.io from registry-1, loopback over http and the rest over https", () => {
    assert.equal(registryBaseUrl("docker.io"), "https://registry-1.docker.io");
    assert.equal(registryBaseUrl("127.0.0.1:5055"), "http://127.0.0.1:5055");
    assert.equal(registryBaseUrl("127.8.9.10"), "http://127.8.9.10");
    assert.equal(registryBaseUrl("localhost:5000"), "http://localhost:5000");
    assert.equal(registryBaseUrl("[::1]:5000"), "http://[::1]:5000");
    assert.equal(registryBaseUrl("ghcr.io"), "https://ghcr.io");
    assert.equal(registryBaseUrl("127.0.0.1.example.com"), "https://127.0.0.1.example.com");
    assert.equal(registryBaseUrl("localhost.example.com:5000"), "https://localhost.example.com:5000");
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    assert.equal(parseRetryAfter("120"), 120);
    assert.equal(parseRetryAfter("Sun, 29 Nov 2026 18:00:30 GMT", Date.parse("Sun, 29 Nov 2026 18:00:00 GMT")), 30);
    assert.equal(parseRetryAfter(null), undefined);
    assert.equal(parseRetryAfter("soon"), undefined);
  });
});
