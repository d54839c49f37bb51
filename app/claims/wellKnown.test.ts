import assert from "node:assert/strict";
import { after, describe, test } from "node:test";
import { closedPortUrl } from "../chain/test/testChain.ts";
import { MAX_CLAIM_DOCUMENT_BYTES } from "./claimDocument.ts";
import { ClaimError } from "./claimError.ts";
import { parseClaimLocation } from "./claimLocation.ts";
import { startTestServer } from "./test/httpServer.ts";
import { fetchWellKnown, WELL_KNOWN_PATH, wellKnownUrl } from "./wellKnown.ts";

async function failureOf(promise: Promise<unknown>): Promise<ClaimError> {
  const error = await promise.then(
    () => assert.fail("expected a rejection"),
    (e: unknown) => e,
  );
  assert.ok(error instanceof ClaimError, `not a ClaimError: ${String(error)}`);
  return error;
}

describe("fetchWellKnown", async () => {
  const server = await startTestServer();
  const other = await startTestServer();
  after(() => Promise.all([server.close(), other.close()]));
  const location = parseClaimLocation(server.origin);
  const url = `${server.origin}${WELL_KNOWN_PATH}`;
  const serve = (status: number, body: string | Uint8Array, headers: Record<string, string> = {}) =>
    server.routes.set(WELL_KNOWN_PATH, (_request, response) => response.writeHead(status, headers).end(body));

  test("reads the file at /.well-known/imageseal.json of the location's host", async () => {
    assert.equal(wellKnownUrl(parseClaimLocation("https://acme.com")), "https://acme.com/.well-known/imageseal.json");
    serve(200, "document bytes");
    const document = await fetchWellKnown(location);
    assert.deepEqual([document.url, new TextDecoder().decode(document.bytes)], [url, "document bytes"]);
  });

  test("follows a redirect within the same origin, and says where it read", async () => {
    serve(302, "", { location: "/claims/imageseal.json" });
    server.routes.set("/claims/imageseal.json", (_request, response) => response.writeHead(200).end("moved"));
    const document = await fetchWellKnown(location);
    assert.deepEqual(
      [document.url, new TextDecoder().decode(document.bytes)],
      [`${server.origin}/claims/imageseal.json`, "moved"],
    );
  });

  test("refuses a redirect to another host as gone, without reading it", async () => {
    let asked = false;
    other.routes.set(WELL_KNOWN_PATH, (_request, response) => {
      asked = true;
      response.writeHead(200).end("someone else's");
    });
    serve(301, "", { location: `${other.origin}${WELL_KNOWN_PATH}` });
    const error = await failureOf(fetchWellKnown(location));
    assert.equal(error.reason, "gone");
    assert.equal(
      error.message,
      `${url} redirects to ${other.origin}${WELL_KNOWN_PATH}: only a file ${server.host} serves itself proves control of it. Serve the claims document at ${url}.`,
    );
    assert.equal(asked, false);
  });

  test("stops after 3 same-origin redirects", async () => {
    serve(302, "", { location: WELL_KNOWN_PATH });
    const error = await failureOf(fetchWellKnown(location));
    assert.deepEqual([error.reason, error.message], ["unreachable", `${url} redirects more than 3 times.`]);
  });

  test("404 and 410 are gone, 401 and 403 unauthorized, 500 unreachable", async () => {
    for (const [status, reason] of [
      [404, "gone"],
      [410, "gone"],
      [401, "unauthorized"],
      [403, "unauthorized"],
      [500, "unreachable"],
    ] as const) {
      serve(status, "no");
      assert.equal((await failureOf(fetchWellKnown(location))).reason, reason, String(status));
    }
    serve(404, "no");
    assert.equal(
      (await failureOf(fetchWellKnown(location))).message,
      `There is no claims document at ${url} (404): the claim no longer checks out until the file is served there again.`,
    );
  });

  test("a body over 64 KiB is refused as malformed, whatever Content-Length says", async () => {
    server.routes.set(WELL_KNOWN_PATH, (_request, response) => {
      response.writeHead(200, { "transfer-encoding": "chunked" });
      response.end(new Uint8Array(MAX_CLAIM_DOCUMENT_BYTES + 1));
    });
    const error = await failureOf(fetchWellKnown(location));
    assert.equal(error.reason, "malformed");
    assert.match(error.message, /larger than the 65536 bytes/);
  });

  test("a host that does not answer is unreachable; in a browser, browser-blocked with the CLI command", async () => {
    const closed = parseClaimLocation(await closedPortUrl());
    const error = await failureOf(fetchWellKnown(closed));
    assert.equal(error.reason, "unreachable");
    assert.match(error.message, /cannot be reached \(ECONNREFUSED\)/);
    const blocked = await failureOf(fetchWellKnown(closed, { inBrowser: true }));
    assert.equal(blocked.reason, "browser-blocked");
    assert.match(blocked.message, /does not let browsers read it .* imageseal claim check\.$/);
  });

  test("in a browser, redirects are followed and a final URL on another host is refused as gone", async () => {
    let asked: RequestInit | undefined;
    const elsewhere = {
      type: "cors",
      url: `${other.origin}/x.json`,
      status: 200,
      ok: true,
      headers: new Headers(),
      body: null,
    } as unknown as Response;
    const error = await failureOf(
      fetchWellKnown(location, {
        inBrowser: true,
        fetch: async (_input, init) => {
          asked = init;
          return elsewhere;
        },
      }),
    );
    assert.equal(asked?.redirect, "follow");
    assert.deepEqual(
      [error.reason, error.message],
      [
        "gone",
        `${url} redirects to ${other.origin}/x.json: only a file ${server.host} serves itself proves control of it. Serve the claims document at ${url}.`,
      ],
    );
  });

  test("a host that never answers is unreachable after the timeout, not a hang", async () => {
    server.routes.set(WELL_KNOWN_PATH, () => {
      // Accepts the request and never answers.
    });
    const error = await failureOf(fetchWellKnown(location, { timeoutMs: 200 }));
    assert.deepEqual([error.reason, error.message], ["unreachable", `${url} did not answer in time. Try again later.`]);
  });

  test("a browser's opaque redirect is refused as gone", async () => {
    const opaque = {
      type: "opaqueredirect",
      status: 0,
      ok: false,
      headers: new Headers(),
      body: null,
    } as unknown as Response;
    const error = await failureOf(fetchWellKnown(location, { fetch: async () => opaque }));
    assert.equal(error.reason, "gone");
    assert.match(error.message, /redirects, and a browser does not say where to/);
  });
});
