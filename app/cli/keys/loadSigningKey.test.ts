import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { encryptKeystoreJsonSync } from "ethers";
import { privateKeyToAddress } from "viem/accounts";
import {
  type KeySources,
  loadSigningKey,
  RAW_KEY_WARNING,
  SigningKeyError,
  secretFlagProblem,
} from "./loadSigningKey.ts";
import { isYes, type Prompter } from "./prompter.ts";

const DEV_KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

function sources(
  overrides: Partial<KeySources> & { interactive?: boolean; typed?: string },
  warnings: string[] = [],
): KeySources {
  const prompter: Prompter = {
    interactive: overrides.interactive ?? false,
    ask: async () => assert.fail("no yes/no question expected"),
    askHidden: async () => overrides.typed ?? assert.fail("no passphrase prompt expected"),
  };
  return { keystore: undefined, env: {}, prompter, warn: (line) => warnings.push(line), ...overrides };
}

async function failure(from: KeySources): Promise<string> {
  await assert.rejects(loadSigningKey(from), SigningKeyError);
  return loadSigningKey(from).then(
    () => "",
    (error: Error) => error.message,
  );
}

describe("loadSigningKey", () => {
  const temp = mkdtempSync(join(tmpdir(), "imageseal-keys-"));
  after(() => rmSync(temp, { recursive: true, force: true }));
  const keystore = join(temp, "key.json");
  writeFileSync(
    keystore,
    encryptKeystoreJsonSync({ address: privateKeyToAddress(DEV_KEY), privateKey: DEV_KEY }, "pass", {
      scrypt: { N: 1 << 4 },
    }),
  );

  test("IMAGESEAL_PRIVATE_KEY: the key's account, with the throw-away warning", async () => {
    const warnings: string[] = [];
    const key = await loadSigningKey(sources({ env: { IMAGESEAL_PRIVATE_KEY: ` ${DEV_KEY}\n` } }, warnings));
    assert.equal(key.account.address, privateKeyToAddress(DEV_KEY));
    assert.equal(key.source, "env");
    assert.deepEqual(warnings, [RAW_KEY_WARNING]);
  });

  test("a keystore wins over IMAGESEAL_PRIVATE_KEY, its passphrase from the environment, no warning", async () => {
    const warnings: string[] = [];
    const key = await loadSigningKey(
      sources(
        { keystore, env: { IMAGESEAL_KEYSTORE_PASSWORD: "pass", IMAGESEAL_PRIVATE_KEY: `0x${"11".repeat(32)}` } },
        warnings,
      ),
    );
    assert.equal(key.account.address, privateKeyToAddress(DEV_KEY));
    assert.equal(key.source, "keystore");
    assert.deepEqual(warnings, []);
  });

  test("the passphrase typed at the hidden prompt when the environment has none", async () => {
    const key = await loadSigningKey(sources({ keystore, interactive: true, typed: "pass" }));
    assert.equal(key.account.address, privateKeyToAddress(DEV_KEY));
  });

  test("problems in words: no key, a malformed raw key, no passphrase off a terminal, a missing or wrong keystore", async () => {
    assert.equal(
      await failure(sources({})),
      "No key to sign with: pass --keystore <file> (its passphrase from IMAGESEAL_KEYSTORE_PASSWORD or a prompt), or set IMAGESEAL_PRIVATE_KEY for a throw-away CI key.",
    );
    assert.equal(
      await failure(sources({ env: { IMAGESEAL_PRIVATE_KEY: DEV_KEY.slice(2) } })),
      "IMAGESEAL_PRIVATE_KEY must be a private key written 0x and 64 hex digits.",
    );
    assert.equal(
      await failure(sources({ env: { IMAGESEAL_PRIVATE_KEY: `0x${"00".repeat(32)}` } })),
      "The key from IMAGESEAL_PRIVATE_KEY is not a valid secp256k1 private key.",
    );
    assert.equal(
      await failure(sources({ keystore })),
      `No passphrase for ${keystore}: set IMAGESEAL_KEYSTORE_PASSWORD (e.g. from your CI's secrets), or run on a terminal to type it.`,
    );
    assert.equal(
      await failure(sources({ keystore: join(temp, "none.json"), env: { IMAGESEAL_KEYSTORE_PASSWORD: "pass" } })),
      `Cannot read the keystore ${join(temp, "none.json")}: ENOENT.`,
    );
    assert.match(
      await failure(sources({ keystore, env: { IMAGESEAL_KEYSTORE_PASSWORD: "Pass" } })),
      /: Wrong passphrase for the keystore/,
    );
  });
});

describe("secretFlagProblem", () => {
  test("refuses passwords and keys on the command line, by the flag's name, and lets other options pass", () => {
    assert.match(
      secretFlagProblem(["a.tar", "--password", "x"]) ?? "",
      /^--password is refused: a secret on the command line stays in shell history/,
    );
    assert.match(secretFlagProblem(["--private-key=0xabc"]) ?? "", /^--private-key is refused/);
    assert.match(secretFlagProblem(["--Passphrase"]) ?? "", /^--Passphrase is refused/);
    assert.equal(secretFlagProblem(["a.tar", "--keystore", "k.json", "--name", "password", "--yes"]), null);
  });
});

describe("isYes", () => {
  test("only y or yes agrees", () => {
    assert.deepEqual(["y", "Y", "yes", " YES ", "n", "", "yep", "no", "sure"].map(isYes), [
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
