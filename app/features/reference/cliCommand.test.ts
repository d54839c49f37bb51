import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { describe, it } from "node:test";
import fc from "fast-check";
import { shellQuote, verifyCommand } from "./cliCommand.ts";

const ALICE = "0x70997970C51812dc3A010C7d01b50e0d17dc79C8";
const REGISTRY = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

describe("verifyCommand", () => {
  it("names the reference, the chain, the registry and every trusted publisher", () => {
    assert.equal(
      verifyCommand({
        reference: "ghcr.io/acme/api:1.4.2",
        rpcUrl: "http://127.0.0.1:8545",
        registry: REGISTRY,
        publishers: [ALICE],
        name: null,
      }),
      `imageseal verify ghcr.io/acme/api:1.4.2 --chain http://127.0.0.1:8545 --registry ${REGISTRY} --publisher ${ALICE}`,
    );
  });

  it("leaves a placeholder when no publisher is trusted, and adds --name only when it differs from the reference", () => {
    assert.equal(
      verifyCommand({
        reference: "ghcr.io/acme/api:1.4.2",
        rpcUrl: "https://rpc.example/v1?key=a b",
        registry: REGISTRY,
        publishers: [],
        name: "docker.io/acme/api:1.4.2",
      }),
      `imageseal verify ghcr.io/acme/api:1.4.2 --chain 'https://rpc.example/v1?key=a b' --registry ${REGISTRY} --publisher <publisher address> --name docker.io/acme/api:1.4.2`,
    );
  });
});

describe("verifyCommand with trusted scopes", () => {
  it("passes each scope as --namespace, and needs no placeholder publisher then", () => {
    assert.equal(
      verifyCommand({
        reference: "127.0.0.1:5055/e2e/app:1",
        rpcUrl: "http://127.0.0.1:8545",
        registry: REGISTRY,
        publishers: [],
        namespaces: ["127.0.0.1:5055/e2e"],
        name: null,
      }),
      `imageseal verify 127.0.0.1:5055/e2e/app:1 --chain http://127.0.0.1:8545 --registry ${REGISTRY} --namespace 127.0.0.1:5055/e2e`,
    );
  });
});

describe("shellQuote", () => {
  it("gives back exactly the text when a shell reads it (sh -c printf)", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme-ascii", maxLength: 40 }).filter((text) => !text.includes("\0")),
        (text) => {
          const echoed = execFileSync("sh", ["-c", `printf %s ${shellQuote(text)}`], { encoding: "utf8" });
          assert.equal(echoed, text);
        },
      ),
      { numRuns: 60 },
    );
  });
});
