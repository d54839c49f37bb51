// The client against a real registry (CNCF distribution 2.8, Debian's docker-registry) in each
// auth mode. Fails, never skips, where docker-registry is missing: .ci/run installs it.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import type { Digest } from "../image/digest.ts";
import { nodeSha256 } from "../image/hash/nodeSha256.ts";
import { DEFAULT_USER, type LocalRegistry, startLocalRegistry } from "../tools/localRegistry.ts";
import { RegistryClient, type RegistryClientOptions } from "./client.ts";
import { RegistryError, type RegistryErrorCode } from "./errors.ts";

const sha = (bytes: Uint8Array): Digest => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const CLAIMS_TYPE = "application/vnd.imageseal.claims.v1+json";
const EMPTY = new TextEncoder().encode("{}");

/** DESIGN12 §4's claim artifact: artifactType, the empty config, one layer. */
function artifact(document: Uint8Array): Uint8Array {
  return encode({
    schemaVersion: 2,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    artifactType: CLAIMS_TYPE,
    config: { mediaType: "application/vnd.oci.empty.v1+json", digest: sha(EMPTY), size: EMPTY.length, data: "e30=" },
    layers: [{ mediaType: CLAIMS_TYPE, digest: sha(document), size: document.length }],
  });
}

function client(options: RegistryClientOptions = {}): RegistryClient {
  return new RegistryClient({ sha256: nodeSha256, inBrowser: false, ...options });
}
const withCredentials = (username: string, password: string) =>
  client({ credentials: async () => ({ username, password }) });

async function rejectsWith(promise: Promise<unknown>, code: RegistryErrorCode): Promise<void> {
  await assert.rejects(promise, (error: unknown) => error instanceof RegistryError && error.code === code);
}

/** Pushes the artifact and reads it back; returns its manifest digest. */
async function roundTrip(
  registry: LocalRegistry,
  writer: RegistryClient,
  reader: RegistryClient,
  path: string,
): Promise<Digest> {
  const repo = { domain: registry.domain, path };
  const document = encode({ imageseal: "claims/v1", claims: [], path });
  assert.equal(await writer.putBlob(repo, EMPTY), sha(EMPTY));
  assert.equal(await writer.putBlob(repo, document), sha(document));
  const manifest = artifact(document);
  const digest = await writer.putManifest(
    repo,
    "imageseal-claim",
    manifest,
    "application/vnd.oci.image.manifest.v1+json",
  );
  assert.equal(digest, sha(manifest));
  const got = await reader.getManifest(repo, "imageseal-claim");
  assert.deepEqual(got, {
    digest,
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    bytes: new Uint8Array(manifest),
  });
  assert.deepEqual(await reader.getBlob(repo, sha(document), 64 * 1024), new Uint8Array(document));
  return digest;
}

/** Browsers send Authorization only after a 2xx preflight (distribution 2.8 answers 401 with auth on: localRegistry puts a front before it). */
async function assertPreflight(registry: LocalRegistry): Promise<void> {
  const response = await fetch(`${registry.url}/v2/acme/claims/manifests/imageseal-claim`, {
    method: "OPTIONS",
    headers: {
      origin: "http://127.0.0.1:1",
      "access-control-request-method": "PUT",
      "access-control-request-headers": "authorization, content-type",
    },
  });
  assert.equal(response.status, 200);
  assert.equal(response.headers.get("access-control-allow-origin"), "*");
  assert.match(response.headers.get("access-control-allow-methods") ?? "", /PUT/);
  assert.match(response.headers.get("access-control-allow-headers") ?? "", /Authorization/);
}

describe("local registry, open", () => {
  let registry: LocalRegistry;
  before(async () => {
    registry = await startLocalRegistry({ mode: "open" });
  });
  after(() => registry?.stop());

  it("takes an OCI artifact (artifactType, empty config, one layer) and serves it back byte for byte, anonymously", async () => {
    const digest = await roundTrip(registry, client(), client(), "acme/claims");
    const head = await fetch(`${registry.url}/v2/acme/claims/manifests/imageseal-claim`, {
      method: "HEAD",
      headers: { accept: "application/vnd.oci.image.manifest.v1+json" },
    });
    assert.equal(head.headers.get("docker-content-digest"), digest);
  });

  it("putBlob skips a blob the registry has: a second upload sends no bytes", async () => {
    const repo = { domain: registry.domain, path: "acme/again" };
    const bytes = encode({ again: true });
    await client().putBlob(repo, bytes);
    let posts = 0;
    const counting = client({
      fetch: (input, init) => {
        if (init?.method === "POST") posts++;
        return fetch(input, init);
      },
    });
    assert.equal(await counting.putBlob(repo, bytes), sha(bytes));
    assert.equal(posts, 0);
  });

  it("deletes a manifest: the artifact is gone (not-found) by digest and by tag", async () => {
    const digest = await roundTrip(registry, client(), client(), "acme/gone");
    await client().deleteManifest({ domain: registry.domain, path: "acme/gone" }, digest);
    await rejectsWith(client().getManifest({ domain: registry.domain, path: "acme/gone" }, digest), "not-found");
    await rejectsWith(
      client().getManifest({ domain: registry.domain, path: "acme/gone" }, "imageseal-claim"),
      "not-found",
    );
  });

  it("answers browsers' CORS preflight for pushes", async () => {
    await assertPreflight(registry);
    const get = await fetch(`${registry.url}/v2/acme/claims/manifests/imageseal-claim`, {
      headers: { origin: "http://127.0.0.1:1" },
    });
    assert.match(get.headers.get("access-control-expose-headers") ?? "", /Docker-Content-Digest/);
  });
});

describe("local registry, Basic (htpasswd)", () => {
  let registry: LocalRegistry;
  before(async () => {
    registry = await startLocalRegistry({ mode: "basic" });
  });
  after(() => registry?.stop());

  it("pushes and pulls with the right credentials", async () => {
    const user = withCredentials(DEFAULT_USER.username, DEFAULT_USER.password);
    await roundTrip(registry, user, user, "acme/basic");
  });

  it("refuses no credentials and wrong ones with unauthorized", async () => {
    const repo = { domain: registry.domain, path: "acme/basic" };
    await rejectsWith(client().getManifest(repo, "imageseal-claim"), "unauthorized");
    await rejectsWith(
      withCredentials(DEFAULT_USER.username, "wrong").getManifest(repo, "imageseal-claim"),
      "unauthorized",
    );
    await rejectsWith(withCredentials("nobody", DEFAULT_USER.password).putBlob(repo, EMPTY), "unauthorized");
  });

  it("answers browsers' CORS preflight 200 despite auth", () => assertPreflight(registry));
});

describe("local registry, token auth", () => {
  let registry: LocalRegistry;
  before(async () => {
    registry = await startLocalRegistry({ mode: "token" });
  });
  after(() => registry?.stop());

  it("pushes with a user's token and pulls with an anonymous one", async () => {
    await roundTrip(registry, withCredentials(DEFAULT_USER.username, DEFAULT_USER.password), client(), "acme/token");
    const asked = registry.tokenRequests?.map((r) => [r.username, r.scopes[0]]);
    assert.deepEqual(asked?.[0], [DEFAULT_USER.username, "repository:acme/token:pull,push"]);
    assert.deepEqual(asked?.at(-1), [null, "repository:acme/token:pull"]);
  });

  it("refuses a push without credentials (the anonymous token only grants pull) and a wrong password", async () => {
    const repo = { domain: registry.domain, path: "acme/token" };
    await rejectsWith(client().putBlob(repo, encode({ anonymous: true })), "unauthorized");
    await rejectsWith(
      withCredentials(DEFAULT_USER.username, "wrong").getManifest(repo, "imageseal-claim"),
      "unauthorized",
    );
  });

  it("answers browsers' CORS preflight 200 despite auth", () => assertPreflight(registry));
});

describe("local registry lifecycle", () => {
  it("stop() leaves nothing listening and removes the data", async () => {
    const registry = await startLocalRegistry({ mode: "token" });
    const { existsSync } = await import("node:fs");
    const digest = await withCredentials(DEFAULT_USER.username, DEFAULT_USER.password).putBlob(
      { domain: registry.domain, path: "acme/stop" },
      EMPTY,
    );
    assert.ok(existsSync(registry.blobPath(digest)));
    await registry.stop();
    await assert.rejects(fetch(`${registry.url}/v2/`), TypeError);
    await assert.rejects(fetch(registry.tokenUrl as string), TypeError);
    assert.equal(existsSync(registry.dataDir), false);
  });
});
