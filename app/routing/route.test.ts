import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { parseHash, type Route, routeHref } from "./route.ts";

describe("hash routes", () => {
  it("reads the verify page with a trusted publisher from a README link", () => {
    const location = parseHash("#/?publisher=0xAbC&name=docker.io%2Facme%2Fapi%3A1.0");
    assert.deepEqual(location.route, { page: "verify" });
    assert.equal(location.params.get("publisher"), "0xAbC");
    assert.equal(location.params.get("name"), "docker.io/acme/api:1.0");
  });

  it("round-trips every route through its href", () => {
    const routes: Route[] = [
      { page: "verify" },
      { page: "publish" },
      { page: "trust" },
      { page: "publisher", address: "0x00000000000000000000000000000000000000aa" },
      { page: "publisher", address: null },
      { page: "digest", digest: "sha256:" + "ab".repeat(32) },
      { page: "release", chainId: 31337, id: 12n },
    ];
    for (const route of routes) assert.deepEqual(parseHash(routeHref(route)).route, route);
  });

  it("names an unknown path instead of guessing", () => {
    assert.deepEqual(parseHash("#/release/x/1").route, { page: "not-found", path: "/release/x/1" });
    assert.deepEqual(parseHash("#/nope").route, { page: "not-found", path: "/nope" });
  });

  it("treats an empty hash as the verify page", () => {
    assert.deepEqual(parseHash("").route, { page: "verify" });
  });
});
