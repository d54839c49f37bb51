import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { nameSpellings, normalizeImageName, parseImageName, sameImageName } from "./normalizeImageName.ts";

const D = `sha256:${"ab".repeat(32)}`;

describe("normalizeImageName (Docker's ParseNormalizedNamed + TagNameOnly)", () => {
  const cases: [string, string | null][] = [
    // Docker Hub: registry, library/ and :latest added
    ["nginx", "docker.io/library/nginx:latest"],
    ["nginx:1.25", "docker.io/library/nginx:1.25"],
    ["library/nginx", "docker.io/library/nginx:latest"],
    ["docker.io/nginx", "docker.io/library/nginx:latest"],
    ["docker.io/library/nginx:latest", "docker.io/library/nginx:latest"],
    ["index.docker.io/library/nginx", "docker.io/library/nginx:latest"],
    ["acme/api:1.4.2", "docker.io/acme/api:1.4.2"],
    ["fixture/multi:2.0", "docker.io/fixture/multi:2.0"],
    // other registries: the first component has a "." or ":" or is localhost
    ["ghcr.io/a/b", "ghcr.io/a/b:latest"],
    ["ghcr.io/a/b:v1", "ghcr.io/a/b:v1"],
    ["GHCR.io/a/b:v1", "ghcr.io/a/b:v1"],
    ["localhost/fixture/multi:2.0", "localhost/fixture/multi:2.0"],
    ["localhost:5000/x", "localhost:5000/x:latest"],
    ["registry.example.com:443/team/app/sub:1", "registry.example.com:443/team/app/sub:1"],
    ["[::1]:5000/x:1", "[::1]:5000/x:1"],
    ["192.168.1.10:5000/x", "192.168.1.10:5000/x:latest"],
    ["quay.io/org/repo_name__x-y.z:tag_1.0-rc", "quay.io/org/repo_name__x-y.z:tag_1.0-rc"],
    // a bare word before the first slash is a Docker Hub user, not a registry
    ["localhostx/y", "docker.io/localhostx/y:latest"],
    ["localhost:5000", "docker.io/library/localhost:5000"],
    // digest references keep their digest and get no :latest
    [`nginx@${D}`, `docker.io/library/nginx@${D}`],
    [`nginx:1.25@${D}`, `docker.io/library/nginx:1.25@${D}`],
    [`ghcr.io/a/b@${D}`, `ghcr.io/a/b@${D}`],
    // not image references
    ["", null],
    ["Nginx", null],
    ["acme/API:1", null],
    ["nginx:", null],
    ["nginx:-bad", null],
    [`nginx:${"t".repeat(129)}`, null],
    ["nginx@sha256:abc", null],
    [`nginx@sha256:${"AB".repeat(32)}`, null],
    ["a//b", null],
    ["a/b/", null],
    ["-a/b", null],
    ["a..b/c", null],
    [" nginx", null],
    ["my file.tar", null],
    ["95adec1d2026fe705a6ea31e6b2756e9332326d4df200f3ae4004bf0bacc9720", null],
    [`docker.io/${"a".repeat(250)}`, null],
  ];
  for (const [input, expected] of cases) {
    test(`${JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input)} → ${expected ?? "null"}`, () => {
      assert.equal(normalizeImageName(input), expected);
    });
  }

  test("parseImageName gives the parts", () => {
    assert.deepEqual(parseImageName(`localhost:5000/team/app:1@${D}`), {
      domain: "localhost:5000",
      path: "team/app",
      tag: "1",
      digest: D,
    });
    assert.deepEqual(parseImageName("nginx"), { domain: "docker.io", path: "library/nginx", tag: null, digest: null });
  });

  test("normalizing is idempotent", () => {
    for (const [input, expected] of cases)
      if (expected !== null) assert.equal(normalizeImageName(expected), expected, input);
  });
});

describe("sameImageName", () => {
  test("equal once normalized", () => {
    assert.ok(sameImageName("nginx", "docker.io/library/nginx:latest"));
    assert.ok(sameImageName("acme/api:1.4.2", "docker.io/acme/api:1.4.2"));
    assert.ok(!sameImageName("acme/api:1.4.2", "acme/api:1.4.3"));
    assert.ok(!sameImageName("nginx", "nginx:1.25"));
    assert.ok(!sameImageName("ghcr.io/acme/api:1", "docker.io/acme/api:1"), "another registry is another name");
    assert.ok(!sameImageName(`nginx@${D}`, "nginx"), "a digest reference is not the tag");
  });

  test("names that are not references compare byte for byte", () => {
    assert.ok(sameImageName("release 1.0 (firmware)", "release 1.0 (firmware)"));
    assert.ok(!sameImageName("Release 1.0", "release 1.0"));
    assert.ok(!sameImageName("Nginx", "nginx"), "not a reference: no case folding");
  });
});

describe("nameSpellings", () => {
  test("Docker Hub library names: registry, library/ and :latest each written or not", () => {
    assert.deepEqual(nameSpellings("nginx").sort(), [
      "docker.io/library/nginx",
      "docker.io/library/nginx:latest",
      "docker.io/nginx",
      "docker.io/nginx:latest",
      "library/nginx",
      "library/nginx:latest",
      "nginx",
      "nginx:latest",
    ]);
  });

  test("other names: fewer forms; the input is always kept", () => {
    assert.deepEqual(nameSpellings("acme/api:1.0").sort(), ["acme/api:1.0", "docker.io/acme/api:1.0"]);
    assert.deepEqual(nameSpellings("ghcr.io/a/b").sort(), ["ghcr.io/a/b", "ghcr.io/a/b:latest"]);
    assert.deepEqual(nameSpellings("GHCR.io/a/b:1"), ["GHCR.io/a/b:1", "ghcr.io/a/b:1"]);
    assert.deepEqual(nameSpellings("my firmware 1.0"), ["my firmware 1.0"]);
  });
});
