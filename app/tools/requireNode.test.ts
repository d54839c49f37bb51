// The version gate that runs before any .ts file: one sentence on a Node that cannot strip
// types, nothing on one that can; and the bin really runs the CLI behind it.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { nodeVersionProblem, REQUIRED_NODE } from "./requireNode.mjs";

const GATE = fileURLToPath(new URL("./requireNode.mjs", import.meta.url));
const BIN = fileURLToPath(new URL("../cli/imageseal.mjs", import.meta.url));

describe("the Node version gate", () => {
  it("accepts 22.18 and later, refuses what cannot run .ts without flags, in one sentence with the fix", () => {
    for (const ok of ["v22.18.0", "22.23.3", "v23.0.0", "v24.11.1"]) assert.equal(nodeVersionProblem(ok), null, ok);
    for (const old of ["v20.20.2", "v22.13.0", "v22.17.1", "v18.19.0"]) {
      const problem = nodeVersionProblem(old);
      assert.match(
        problem ?? "",
        new RegExp(
          `^ImageSeal needs Node\\.js ${REQUIRED_NODE.replaceAll(".", "\\.")} or newer \\(it runs its TypeScript directly\\), and this is Node ${old.replaceAll(".", "\\.")}\\. Install Node 22 `,
        ),
        old,
      );
    }
  });

  it("lets this Node through, and the bin runs the CLI", () => {
    assert.equal(spawnSync(process.execPath, [GATE]).status, 0);
    assert.match(
      execFileSync(process.execPath, [BIN, "--help"], { encoding: "utf8" }),
      /^usage: imageseal <command> \[options\]/,
    );
  });

  // Debian's own Node (20 on the machines we use) is the newcomer's case; CI machines have it too.
  const systemNode = "/usr/bin/node";
  const systemVersion = existsSync(systemNode)
    ? execFileSync(systemNode, ["--version"], { encoding: "utf8" }).trim()
    : null;
  it(`on an older Node (${systemVersion ?? "none installed"}), npm start's gate and the bin say why and stop`, {
    skip: systemVersion === null || nodeVersionProblem(systemVersion) === null,
  }, () => {
    const sentence = nodeVersionProblem(systemVersion ?? "");
    const gate = spawnSync(systemNode, [GATE], { encoding: "utf8" });
    assert.equal(gate.status, 1);
    assert.equal(gate.stderr, `${sentence}\n`);
    const bin = spawnSync(systemNode, [BIN, "verify"], { encoding: "utf8" });
    assert.equal(bin.status, 2);
    assert.equal(bin.stderr, `imageseal: ${sentence}\n`);
  });
});
