import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { describe, it } from "node:test";
import type { Digest } from "../image/digest.ts";
import { nodeSha256 } from "../image/hash/nodeSha256.ts";
import { itemAt } from "../image/util/itemAt.ts";
import { MANIFEST_ACCEPT, RegistryClient, type RegistryClientOptions } from "./client.ts";
import { RegistryError, type RegistryErrorCode } from "./errors.ts";

const REPO = { domain: "registry.test", path: "acme/api" };
const BASE = "https://registry.test/v2/acme/api";
const MANIFEST = new TextEncoder().encode('{"schemaVersion":2}');
const sha = (bytes: Uint8Array | string): Digest => `sha256:${createHash("sha256").update(bytes).digest("hex")}`;
const MANIFEST_DIGEST = sha(MANIFEST);

interface Seen {
  method: string;
  url: string;
  authorization: string | null;
  accept: string | null;
  contentType: string | null;
  body: string;
}

/** A fake network: each request goes to `answer`, and is recorded. */
function fakeFetch(answer: (request: Request, seen: Seen[]) => Response | Promise<Response>): {
  fetch: typeof fetch;
  seen: Seen[];
} {
  const seen: Seen[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const body = request.body === null ? "" : await request.text();
    seen.push({
      method: request.method,
      url: request.url,
      authorization: request.headers.get("authorization"),
      accept: request.headers.get("accept"),
      contentType: request.headers.get("content-type"),
      body,
    });
    return answer(request, seen);
  }) as typeof fetch;
  return { fetch: fetchImpl, seen };
}

function client(fetchImpl: typeof fetch, options: RegistryClientOptions = {}): RegistryClient {
  return new RegistryClient({ fetch: fetchImpl, sha256: nodeSha256, inBrowser: false, ...options });
}

const manifestResponse = (headers: Record<string, string> = {}) =>
  new Response(MANIFEST, {
    status: 200,
    headers: {
      "content-type": "application/vnd.oci.image.manifest.v1+json; charset=utf-8",
      "docker-content-digest": MANIFEST_DIGEST,
      ...headers,
    },
  });

async function rejectsWith(
  promise: Promise<unknown>,
  code: RegistryErrorCode,
  check: (error: RegistryError) => void = () => {},
): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof RegistryError, String(error));
    assert.equal(error.code, code, error.message);
    check(error);
    return true;
  });
}

const bearerChallenge = (scope: string) => ({
  "www-authenticate": `Bearer realm="https://auth.test/token",service="registry.test",scope="${scope}"`,
});

describe("RegistryClient.getManifest", () => {
  it("reads a manifest anonymously, asking for every index and manifest type, its digest computed", async () => {
    const net = fakeFetch(() => manifestResponse());
    const got = await client(net.fetch).getManifest(REPO, "1.0");
    assert.deepEqual(got, {
      digest: MANIFEST_DIGEST,
      mediaType: "application/vnd.oci.image.manifest.v1+json",
      bytes: new Uint8Array(MANIFEST),
    });
    assert.deepEqual(
      net.seen.map((s) => [s.method, s.url, s.accept, s.authorization]),
      [["GET", `${BASE}/manifests/1.0`, MANIFEST_ACCEPT, null]],
    );
  });

  it("refuses bytes that do not hash to the digest asked for", async () => {
    const asked = sha("something else");
    const net = fakeFetch(() => manifestResponse({ "docker-content-digest": asked }));
    await rejectsWith(client(net.fetch).getManifest(REPO, asked), "digest-mismatch", (e) => {
      assert.equal(e.expected, asked);
      assert.equal(e.found, MANIFEST_DIGEST);
    });
  });

  it("refuses bytes that do not hash to the registry's Docker-Content-Digest", async () => {
    const stated = sha("the registry's claim");
    const net = fakeFetch(() => manifestResponse({ "docker-content-digest": stated }));
    await rejectsWith(client(net.fetch).getManifest(REPO, "1.0"), "digest-mismatch", (e) => {
      assert.equal(e.expected, stated);
      assert.equal(e.found, MANIFEST_DIGEST);
    });
  });

  it("refuses a manifest over 4 MiB, by Content-Length or by what arrives", async () => {
    const declared = fakeFetch(() => new Response("x", { headers: { "content-length": String(5 * 1024 * 1024) } }));
    await rejectsWith(client(declared.fetch).getManifest(REPO, "1.0"), "too-large");
    const big = new Uint8Array(1024 * 1024);
    const streamed = fakeFetch(() => {
      let sent = 0;
      return new Response(new ReadableStream({ pull: (c) => (sent++ < 5 ? c.enqueue(big) : c.close()) }));
    });
    await rejectsWith(client(streamed.fetch).getManifest(REPO, "1.0"), "too-large");
  });
});

describe("RegistryClient auth", () => {
  it("Bearer: fetches an anonymous token for the pull scope, retries once and reuses it", async () => {
    const net = fakeFetch((request) => {
      if (request.url.startsWith("https://auth.test/")) return Response.json({ token: "T1", expires_in: 300 });
      return request.headers.get("authorization") === "Bearer T1"
        ? manifestResponse()
        : new Response("", { status: 401, headers: bearerChallenge("repository:acme/api:pull") });
    });
    const registry = client(net.fetch);
    await registry.getManifest(REPO, "1.0");
    await registry.getManifest(REPO, "1.1");
    assert.deepEqual(
      net.seen.map((s) => [s.url, s.authorization]),
      [
        [`${BASE}/manifests/1.0`, null],
        ["https://auth.test/token?service=registry.test&scope=repository%3Aacme%2Fapi%3Apull", null],
        [`${BASE}/manifests/1.0`, "Bearer T1"],
        [`${BASE}/manifests/1.1`, "Bearer T1"],
      ],
    );
  });

  it("Bearer: asks again once the token's expires_in has passed, and reads access_token", async () => {
    let issued = 0;
    const net = fakeFetch((request) => {
      if (request.url.startsWith("https://auth.test/"))
        return Response.json({ access_token: `T${++issued}`, expires_in: 10 });
      return request.headers.get("authorization")?.startsWith("Bearer T")
        ? manifestResponse()
        : new Response("", { status: 401, headers: bearerChallenge("repository:acme/api:pull") });
    });
    const registry = client(net.fetch);
    await registry.getManifest(REPO, "1.0");
    await registry.getManifest(REPO, "1.0");
    assert.deepEqual(
      net.seen.filter((s) => s.url.startsWith(BASE)).map((s) => s.authorization),
      [null, "Bearer T1", null, "Bearer T2"],
    );
  });

  it("Bearer: sends the user's credentials to the token service as Basic, and asks for push when pushing", async () => {
    const net = fakeFetch((request) => {
      if (request.url.startsWith("https://auth.test/")) return Response.json({ token: "PUSH" });
      if (request.headers.get("authorization") !== "Bearer PUSH")
        return new Response("", { status: 401, headers: bearerChallenge("repository:acme/api:pull,push") });
      return new Response(null, { status: 201, headers: { "docker-content-digest": MANIFEST_DIGEST } });
    });
    const digest = await client(net.fetch, {
      credentials: async (domain) => (domain === "registry.test" ? { username: "ann", password: "pässword" } : null),
    }).putManifest(REPO, "imageseal-claim", MANIFEST, "application/vnd.oci.image.manifest.v1+json");
    assert.equal(digest, MANIFEST_DIGEST);
    const token = itemAt(net.seen, 1);
    assert.equal(
      token.url,
      "https://auth.test/token?service=registry.test&scope=repository%3Aacme%2Fapi%3Apull%2Cpush",
    );
    assert.equal(token.authorization, `Basic ${Buffer.from("ann:pässword", "utf8").toString("base64")}`);
    assert.deepEqual(
      [net.seen[2]?.method, net.seen[2]?.contentType, net.seen[2]?.body],
      ["PUT", "application/vnd.oci.image.manifest.v1+json", '{"schemaVersion":2}'],
    );
  });

  it("Bearer: trades docker's identity token at the realm (POST, grant_type=refresh_token) for an access token", async () => {
    const net = fakeFetch((request) => {
      if (request.url.startsWith("https://auth.test/")) return Response.json({ access_token: "FROM-REFRESH" });
      return request.headers.get("authorization") === "Bearer FROM-REFRESH"
        ? manifestResponse()
        : new Response("", { status: 401, headers: bearerChallenge("repository:acme/api:pull") });
    });
    await client(net.fetch, {
      credentials: async () => ({ username: "<token>", password: "", identityToken: "REFRESH-1" }),
    }).getManifest(REPO, "1.0");
    const token = itemAt(net.seen, 1);
    assert.deepEqual(
      [token.method, token.url, token.contentType, token.authorization],
      ["POST", "https://auth.test/token", "application/x-www-form-urlencoded", null],
    );
    assert.deepEqual(Object.fromEntries(new URLSearchParams(token.body)), {
      grant_type: "refresh_token",
      client_id: "imageseal",
      refresh_token: "REFRESH-1",
      service: "registry.test",
      scope: "repository:acme/api:pull",
    });
  });

  it("Bearer: the token service's 401 is 'needs credentials' without any and 'refused' with some", async () => {
    const net = () =>
      fakeFetch((request) =>
        request.url.startsWith("https://auth.test/")
          ? new Response("", { status: 401 })
          : new Response("", { status: 401, headers: bearerChallenge("repository:acme/api:pull") }),
      );
    await rejectsWith(client(net().fetch).getManifest(REPO, "1.0"), "unauthorized", (e) =>
      assert.match(e.message, /needs credentials.*docker login registry\.test/),
    );
    await rejectsWith(
      client(net().fetch, { credentials: async () => ({ username: "a", password: "b" }) }).getManifest(REPO, "1.0"),
      "unauthorized",
      (e) => assert.match(e.message, /refused the credentials/),
    );
  });

  it("Bearer: a token the registry still refuses is unauthorized, after one retry", async () => {
    const net = fakeFetch((request) =>
      request.url.startsWith("https://auth.test/")
        ? Response.json({ token: "PULL-ONLY" })
        : new Response("", { status: 401, headers: bearerChallenge("repository:acme/api:pull,push") }),
    );
    await rejectsWith(client(net.fetch).putBlob(REPO, MANIFEST), "unauthorized");
    assert.equal(net.seen.length, 3);
  });

  it("Basic: retries with the credentials, then sends them up front", async () => {
    const basic = `Basic ${btoa("ann:secret")}`;
    const net = fakeFetch((request) =>
      request.headers.get("authorization") === basic
        ? manifestResponse()
        : new Response("", { status: 401, headers: { "www-authenticate": 'Basic realm="test-realm"' } }),
    );
    const registry = client(net.fetch, { credentials: async () => ({ username: "ann", password: "secret" }) });
    await registry.getManifest(REPO, "1.0");
    await registry.getManifest(REPO, "1.1");
    assert.deepEqual(
      net.seen.map((s) => s.authorization),
      [null, basic, basic],
    );
  });

  it("Basic: no credentials is unauthorized, wrong ones too", async () => {
    const net = () =>
      fakeFetch(() => new Response("", { status: 401, headers: { "www-authenticate": 'Basic realm="test-realm"' } }));
    await rejectsWith(client(net().fetch).getManifest(REPO, "1.0"), "unauthorized", (e) =>
      assert.match(e.message, /needs credentials/),
    );
    await rejectsWith(
      client(net().fetch, { credentials: async () => ({ username: "ann", password: "wrong" }) }).getManifest(
        REPO,
        "1.0",
      ),
      "unauthorized",
      (e) => assert.match(e.message, /refused/),
    );
  });

  it("refuses a scheme it does not speak with unsupported", async () => {
    const net = fakeFetch(() => new Response("", { status: 401, headers: { "www-authenticate": "Negotiate" } }));
    await rejectsWith(client(net.fetch).getManifest(REPO, "1.0"), "unsupported");
  });
});

describe("RegistryClient errors", () => {
  const answering = (status: number, headers: Record<string, string> = {}) =>
    fakeFetch(() => new Response("", { status, headers })).fetch;
  it("maps 403, 404, 429 (with Retry-After) and 5xx to typed errors", async () => {
    await rejectsWith(client(answering(403)).getManifest(REPO, "1.0"), "forbidden", (e) => assert.equal(e.status, 403));
    await rejectsWith(client(answering(404)).getManifest(REPO, "nope"), "not-found", (e) =>
      assert.equal(e.url, `${BASE}/manifests/nope`),
    );
    await rejectsWith(client(answering(429, { "retry-after": "30" })).getManifest(REPO, "1.0"), "rate-limited", (e) =>
      assert.equal(e.retryAfter, 30),
    );
    await rejectsWith(client(answering(503)).getManifest(REPO, "1.0"), "bad-response", (e) =>
      assert.equal(e.status, 503),
    );
  });

  it("a failed fetch is unreachable in Node and browser-blocked in a browser", async () => {
    const failing = (async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
      });
    }) as typeof fetch;
    await rejectsWith(client(failing).getManifest(REPO, "1.0"), "unreachable", (e) =>
      assert.match(e.message, /ECONNREFUSED/),
    );
    await rejectsWith(client(failing, { inBrowser: true }).getManifest(REPO, "1.0"), "browser-blocked", (e) =>
      assert.match(e.message, /CORS.*imageseal verify/),
    );
  });

  it("a registry that never answers is cut off after the answer timeout, as unreachable", async () => {
    const silent = ((_url: string, init?: RequestInit) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
      )) as typeof fetch;
    const pending = new RegistryClient({ fetch: silent, inBrowser: false, answerTimeoutMs: 50 }).getManifest(
      REPO,
      "1.0",
    );
    await assert.rejects(
      pending,
      (error: unknown) =>
        error instanceof RegistryError &&
        error.code === "unreachable" &&
        /did not answer within 0.05 s\./.test(error.message),
    );
  });

  it("an aborted signal is aborted, before and during the request", async () => {
    const controller = new AbortController();
    controller.abort();
    const net = fakeFetch(() => manifestResponse());
    await rejectsWith(client(net.fetch, { signal: controller.signal }).getManifest(REPO, "1.0"), "aborted");
    assert.equal(net.seen.length, 0);
    const later = new AbortController();
    const hanging = ((_: unknown, init?: RequestInit) =>
      new Promise((_resolve, reject) =>
        init?.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))),
      )) as typeof fetch;
    const pending = client(hanging, { signal: later.signal }).getManifest(REPO, "1.0");
    later.abort();
    await rejectsWith(pending, "aborted");
  });
});

describe("RegistryClient blobs", () => {
  const CONFIG = new TextEncoder().encode('{"rootfs":{}}');
  const CONFIG_DIGEST = sha(CONFIG);

  it("getBlob returns bytes that hash to the digest and refuses others", async () => {
    const good = fakeFetch(() => new Response(CONFIG));
    assert.deepEqual(await client(good.fetch).getBlob(REPO, CONFIG_DIGEST, 1024), new Uint8Array(CONFIG));
    assert.equal(good.seen[0]?.url, `${BASE}/blobs/${CONFIG_DIGEST}`);
    const swapped = fakeFetch(() => new Response("other bytes"));
    await rejectsWith(client(swapped.fetch).getBlob(REPO, CONFIG_DIGEST, 1024), "digest-mismatch", (e) =>
      assert.deepEqual([e.expected, e.found], [CONFIG_DIGEST, sha("other bytes")]),
    );
    await rejectsWith(client(good.fetch).getBlob(REPO, CONFIG_DIGEST, 4), "too-large");
  });

  it("openBlob hands out the body and its Content-Length", async () => {
    const net = fakeFetch(() => new Response(CONFIG, { headers: { "content-length": String(CONFIG.length) } }));
    const blob = await client(net.fetch).openBlob(REPO, CONFIG_DIGEST);
    assert.equal(blob.size, CONFIG.length);
    assert.equal(await new Response(blob.body).text(), '{"rootfs":{}}');
  });

  it("putBlob uploads monolithically to the Location it is given, with ?digest=", async () => {
    const net = fakeFetch((request) => {
      if (request.method === "HEAD") return new Response(null, { status: 404 });
      if (request.method === "POST")
        return new Response(null, { status: 202, headers: { location: "/v2/acme/api/blobs/uploads/u-1?_state=abc" } });
      return new Response(null, { status: 201 });
    });
    assert.equal(await client(net.fetch).putBlob(REPO, CONFIG), CONFIG_DIGEST);
    assert.deepEqual(
      net.seen.map((s) => [s.method, s.url, s.body]),
      [
        ["HEAD", `${BASE}/blobs/${CONFIG_DIGEST}`, ""],
        ["POST", `${BASE}/blobs/uploads/`, ""],
        ["PUT", `${BASE}/blobs/uploads/u-1?_state=abc&digest=${encodeURIComponent(CONFIG_DIGEST)}`, '{"rootfs":{}}'],
      ],
    );
  });

  it("putBlob skips a blob the registry already has", async () => {
    const net = fakeFetch(() => new Response(null, { status: 200 }));
    assert.equal(await client(net.fetch).putBlob(REPO, CONFIG), CONFIG_DIGEST);
    assert.deepEqual(
      net.seen.map((s) => s.method),
      ["HEAD"],
    );
  });

  it("deleteManifest deletes by digest; a registry that forbids deleting is unsupported", async () => {
    const net = fakeFetch(() => new Response(null, { status: 202 }));
    await client(net.fetch).deleteManifest(REPO, MANIFEST_DIGEST);
    assert.deepEqual(
      net.seen.map((s) => [s.method, s.url]),
      [["DELETE", `${BASE}/manifests/${MANIFEST_DIGEST}`]],
    );
    await rejectsWith(
      client(fakeFetch(() => new Response(null, { status: 405 })).fetch).deleteManifest(REPO, MANIFEST_DIGEST),
      "unsupported",
    );
  });
});
