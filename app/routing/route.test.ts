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
      { page: "digest", digest: `sha256:${"ab".repeat(32)}` },
      { page: "release", chainId: 31337, id: 8589934593n },
      { page: "name" },
    ];
    for (const route of routes) assert.deepEqual(parseHash(routeHref(route)).route, route);
  });

  it("links a release by its readable id and opens it from either form", () => {
    assert.equal(routeHref({ page: "release", chainId: 31337, id: 8589934593n }), "#/release/31337/2-1");
    const expected: Route = { page: "release", chainId: 31337, id: 4294967296n };
    assert.deepEqual(parseHash("#/release/31337/1-0").route, expected);
    assert.deepEqual(parseHash("#/release/31337/4294967296").route, expected);
  });

  it("refuses a release id the registry cannot give", () => {
    for (const id of ["0-1", "1-4294967296", "01-0", "12", "1-0-0"])
      assert.deepEqual(parseHash(`#/release/31337/${id}`).route, { page: "not-found", path: `/release/31337/${id}` });
  });

  it("reads the name page with its name", () => {
    const location = parseHash(routeHref({ page: "name" }, { name: "docker.io/acme/api:1.0" }));
    assert.deepEqual(location.route, { page: "name" });
    assert.equal(location.params.get("name"), "docker.io/acme/api:1.0");
  });

  it("names an unknown path instead of guessing", () => {
    assert.deepEqual(parseHash("#/release/x/1").route, { page: "not-found", path: "/release/x/1" });
    assert.deepEqual(parseHash("#/nope").route, { page: "not-found", path: "/nope" });
  });

  it("reads a malformed %-escape as a page that does not exist, instead of throwing", () => {
    assert.deepEqual(parseHash("#/publisher/%E0%A4%A").route, { page: "not-found", path: "/publisher/%E0%A4%A" });
    assert.deepEqual(parseHash("#/digest/%zz?name=x").route, { page: "not-found", path: "/digest/%zz" });
  });

  it("treats an empty hash as the verify page", () => {
    assert.deepEqual(parseHash("").route, { page: "verify" });
  });
});
