// The keystore reader against keystores written by others: the two test vectors of the Web3
// Secret Storage definition (ethereum.org, "Web3 secret storage definition", password
// "testpassword") and files written by ethers v6 (encryptKeystoreJsonSync, small scrypt N).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { encryptKeystoreJsonSync } from "ethers";
import fc from "fast-check";
import { bytesToHex, type Hex } from "viem";
import { privateKeyToAddress } from "viem/accounts";
import { decryptKeystore, KeystoreError, type KeystoreProblem } from "./keystore.ts";

const SPEC_SECRET = "0x7a28b5ba57c53603b0b07b56bba752f7784bf506fa95edc395f5cf6c7514fe9d";
const SPEC_PBKDF2 = {
  crypto: {
    cipher: "aes-128-ctr",
    cipherparams: { iv: "6087dab2f9fdbbfaddc31a909735c1e6" },
    ciphertext: "5318b4d5bcd28de64ee5559e671353e16f075ecae9f99c7a79a38af5f869aa46",
    kdf: "pbkdf2",
    kdfparams: {
      c: 262144,
      dklen: 32,
      prf: "hmac-sha256",
      salt: "ae3cd4e7013836a3df6bd7241b12db061dbe2c6785853cce422d148a624ce0bd",
    },
    mac: "517ead924a9d0dc3124507e3393d175ce3ff7c1e96529c6c555ce9e51205e9b2",
  },
  id: "3198bc9c-6672-5ab3-d995-4942343ae5b6",
  version: 3,
};
const SPEC_SCRYPT = {
  crypto: {
    cipher: "aes-128-ctr",
    cipherparams: { iv: "83dbcc02d8ccb40e466191a123791e0e" },
    ciphertext: "d172bf743a674da9cdad04534d56926ef8358534d458fffccd4e6ad2fbde479c",
    kdf: "scrypt",
    kdfparams: {
      dklen: 32,
      n: 262144,
      r: 1,
      p: 8,
      salt: "ab0c7876052600dd703518d6fc3fe8984592145b591fc8fb5c6d43190334ba19",
    },
    mac: "2103ac29920d71da29f15d75b4a16dbe95cfd7ff8faea1056c33131d846e3097",
  },
  id: "3198bc9c-6672-5ab3-d995-4942343ae5b6",
  version: 3,
};

/** Hardhat's first dev key: well known, holds nothing of value. */
const DEV_KEY: Hex = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
const FAST = { scrypt: { N: 1 << 4 } };

function ethersKeystore(privateKey: Hex, password: string): Record<string, unknown> {
  return JSON.parse(
    encryptKeystoreJsonSync({ address: privateKeyToAddress(privateKey), privateKey }, password, FAST),
  ) as Record<string, unknown>;
}

async function problemOf(text: string, passphrase: string): Promise<{ problem: KeystoreProblem; message: string }> {
  try {
    await decryptKeystore(text, passphrase);
  } catch (error) {
    if (error instanceof KeystoreError) return { problem: error.problem, message: error.message };
    throw error;
  }
  assert.fail("the keystore opened");
}

/** A copy of `json` with `edit` applied to its crypto section (ethers, like geth once, writes it "Crypto"). */
// biome-ignore lint/suspicious/noExplicitAny: a keystore's JSON as parsed; the tests set its fields to malformed values on purpose
type KeystoreJson = Record<string, any>;

function edited(json: Record<string, unknown>, edit: (crypto: KeystoreJson) => void): string {
  const copy: KeystoreJson = structuredClone(json);
  edit(copy.crypto ?? copy.Crypto);
  return JSON.stringify(copy);
}

const flipHexByte = (hex: string, index: number) =>
  hex.slice(0, index * 2) +
  (parseInt(hex.slice(index * 2, index * 2 + 2), 16) ^ 0x01).toString(16).padStart(2, "0") +
  hex.slice(index * 2 + 2);

describe("decryptKeystore", () => {
  test("opens the standard's PBKDF2-SHA-256 test vector", async () => {
    assert.equal(await decryptKeystore(JSON.stringify(SPEC_PBKDF2), "testpassword"), SPEC_SECRET);
  });

  test("opens the standard's scrypt test vector", async () => {
    assert.equal(await decryptKeystore(JSON.stringify(SPEC_SCRYPT), "testpassword"), SPEC_SECRET);
  });

  test("opens a keystore ethers wrote, with its address field and 0x-prefixed hex", async () => {
    const json = ethersKeystore(DEV_KEY, "correct horse");
    assert.equal(typeof json.address, "string");
    assert.equal(typeof json.Crypto, "object");
    assert.equal(await decryptKeystore(JSON.stringify(json), "correct horse"), DEV_KEY);
    assert.equal(
      await decryptKeystore(
        edited(json, (c) => (c.ciphertext = `0x${c.ciphertext}`)),
        "correct horse",
      ),
      DEV_KEY,
    );
  });

  test('reads a "Crypto" section as well as "crypto" (ethers and older geth write the former)', async () => {
    const { crypto, ...rest } = SPEC_PBKDF2;
    assert.equal(await decryptKeystore(JSON.stringify({ ...rest, Crypto: crypto }), "testpassword"), SPEC_SECRET);
  });

  test("a wrong passphrase is said to be one (the MAC does not match)", async () => {
    const { problem, message } = await problemOf(JSON.stringify(ethersKeystore(DEV_KEY, "right")), "wrong");
    assert.equal(problem, "wrong-passphrase");
    assert.equal(
      message,
      "Wrong passphrase for the keystore (its MAC does not match), or the file is damaged. Nothing was decrypted.",
    );
  });

  test("a changed ciphertext byte fails the MAC instead of yielding another key", async () => {
    const json = ethersKeystore(DEV_KEY, "pw");
    assert.equal(
      (
        await problemOf(
          edited(json, (c) => (c.ciphertext = flipHexByte(c.ciphertext, 7))),
          "pw",
        )
      ).problem,
      "wrong-passphrase",
    );
  });

  test("an address field that is not the key's is refused", async () => {
    const json = { ...ethersKeystore(DEV_KEY, "pw"), address: "70997970c51812dc3a010c7d01b50e0d17dc79c8" };
    const { problem, message } = await problemOf(JSON.stringify(json), "pw");
    assert.equal(problem, "address-mismatch");
    assert.equal(
      message,
      `The keystore says it holds the key of 0x70997970C51812dc3A010C7d01b50e0d17dc79C8, but it decrypts to the key of ${privateKeyToAddress(DEV_KEY)}. The file was altered: do not use it.`,
    );
  });

  test("an unsupported key derivation or cipher is named", async () => {
    const json = ethersKeystore(DEV_KEY, "pw");
    assert.deepEqual(
      await problemOf(
        edited(json, (c) => (c.kdf = "argon2id")),
        "pw",
      ),
      {
        problem: "unsupported",
        message:
          'The keystore\'s key derivation "argon2id" is not supported: only "scrypt" and "pbkdf2" (the standard\'s) are.',
      },
    );
    assert.deepEqual(
      await problemOf(
        edited(json, (c) => (c.cipher = "aes-128-cbc")),
        "pw",
      ),
      {
        problem: "unsupported",
        message: 'The keystore\'s cipher "aes-128-cbc" is not supported: only "aes-128-ctr" (the standard\'s) is.',
      },
    );
    assert.equal(
      (
        await problemOf(
          edited(SPEC_PBKDF2, (c) => (c.kdfparams.prf = "hmac-sha512")),
          "testpassword",
        )
      ).problem,
      "unsupported",
    );
    assert.equal(
      (await problemOf(JSON.stringify({ ...SPEC_PBKDF2, version: 1 }), "testpassword")).message,
      "The keystore file is version 1; only version 3 (Web3 Secret Storage) is supported.",
    );
  });

  test("a malformed file names the field", async () => {
    const json = ethersKeystore(DEV_KEY, "pw");
    const cases: [string, (c: KeystoreJson) => void][] = [
      ['"crypto.cipherparams.iv" must be 16 bytes of hex', (c) => (c.cipherparams.iv = "00ff")],
      ['"crypto.ciphertext" must be 32 bytes of hex', (c) => (c.ciphertext = "zz")],
      ['"crypto.mac" must be 32 bytes of hex', (c) => delete c.mac],
      ['"crypto.kdfparams.n" must be a power of two', (c) => (c.kdfparams.n = 1000)],
      ['"crypto.kdfparams.n" must be a whole number from 2 to 1048576', (c) => (c.kdfparams.n = 2 ** 24)],
      ['"crypto.kdfparams.dklen" must be a whole number from 32 to 64', (c) => (c.kdfparams.dklen = 16)],
      ['"crypto.kdfparams" must be an object', (c) => delete c.kdfparams],
    ];
    for (const [expected, edit] of cases) {
      assert.deepEqual(await problemOf(edited(json, edit), "pw"), {
        problem: "malformed",
        message: `The keystore file is malformed: ${expected}.`,
      });
    }
    assert.equal((await problemOf("{not json", "pw")).message, "The keystore file is not JSON.");
  });

  test("property: any key ethers encrypts opens to the same key, and one flipped ciphertext byte fails the MAC", async () => {
    const privateKey = fc
      .uint8Array({ minLength: 32, maxLength: 32 })
      .filter((bytes) => bytes.some((byte) => byte !== 0) && bytes[0] !== 0xff)
      .map((bytes) => bytesToHex(bytes));
    await fc.assert(
      fc.asyncProperty(
        privateKey,
        fc.string({ unit: "grapheme", maxLength: 12 }),
        fc.nat(31),
        async (key, password, flip) => {
          const json = ethersKeystore(key, password);
          assert.equal(await decryptKeystore(JSON.stringify(json), password), key);
          assert.equal(
            (
              await problemOf(
                edited(json, (c) => (c.ciphertext = flipHexByte(c.ciphertext, flip))),
                password,
              )
            ).problem,
            "wrong-passphrase",
          );
        },
      ),
      { numRuns: 12 },
    );
  });
});
