import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { wellKnownUrl } from "../../claims/wellKnown.ts";
import { claimLocationFor } from "./claimLocationFor.ts";

describe("claimLocationFor", () => {
  it("puts a repository's claim in that repository", () => {
    assert.deepEqual(claimLocationFor("127.0.0.1:5055/fixture/multi"), {
      kind: "repository",
      scope: "127.0.0.1:5055/fixture/multi",
      location: "oci://127.0.0.1:5055/fixture/multi",
    });
    assert.equal(claimLocationFor("ghcr.io/acme/api")?.location, "oci://ghcr.io/acme/api");
  });

  it("puts a host's claim at its well-known URL, over http only for this machine's hosts", () => {
    assert.deepEqual(claimLocationFor("acme.com"), { kind: "domain", scope: "acme.com", location: "https://acme.com" });
    assert.equal(claimLocationFor("127.attacker.com")?.location, "https://127.attacker.com");
    assert.equal(claimLocationFor("localhost:5099")?.location, "http://localhost:5099");
    assert.equal(claimLocationFor("127.0.0.1:5055")?.location, "http://127.0.0.1:5055");
    const acme = claimLocationFor("acme.com");
    assert.ok(acme);
    assert.equal(wellKnownUrl(acme), "https://acme.com/.well-known/imageseal.json");
  });

  it("gives no location for text that is neither", () => {
    assert.equal(claimLocationFor("ghcr.io/acme/api:1.0"), null);
    assert.equal(claimLocationFor("not a host"), null);
  });
});
