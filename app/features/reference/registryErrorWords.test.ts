import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RegistryError } from "../../registry/errors.ts";
import { registryErrorWords } from "./registryErrorWords.ts";

const REF = "127.0.0.1:5055/fixture/multi:2.0";

describe("registryErrorWords", () => {
  it("sends the user to the CLI when the browser cannot reach the registry (CORS or network)", () => {
    for (const code of ["browser-blocked", "unreachable"] as const) {
      assert.deepEqual(registryErrorWords(new RegistryError(code, "fetch failed"), REF), {
        message:
          "This registry does not allow browsers to read it (CORS), or it cannot be reached from here. Use the CLI instead:",
        useCli: true,
      });
    }
  });

  it("says 401, 404 and 429 in words, with the wait when the registry gave one", () => {
    assert.match(
      registryErrorWords(new RegistryError("unauthorized", "x", { status: 401 }), REF).message,
      /^The registry asks for credentials to read 127\.0\.0\.1:5055\/fixture\/multi:2\.0 \(401\)\./,
    );
    assert.deepEqual(registryErrorWords(new RegistryError("not-found", "x", { status: 404 }), REF), {
      message:
        "The registry has no 127.0.0.1:5055/fixture/multi:2.0 (404): check the repository and the tag or digest.",
      useCli: false,
    });
    assert.equal(
      registryErrorWords(new RegistryError("rate-limited", "x", { status: 429, retryAfter: 30 }), REF).message,
      "The registry limits how often it may be asked (429): try again in 30 s. Signed-in requests usually get a higher limit.",
    );
  });

  it("keeps the client's own sentence for a bad reference and any other failure", () => {
    assert.deepEqual(registryErrorWords(new RegistryError("bad-reference", '"a b" is not an image reference'), "a b"), {
      message: '"a b" is not an image reference',
      useCli: false,
    });
    assert.deepEqual(registryErrorWords(new Error("boom"), REF), { message: "boom", useCli: false });
  });
});
